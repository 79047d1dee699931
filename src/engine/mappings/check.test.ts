import { describe, expect, it } from 'vitest';
import type { Mapping, MappingKind, MappingStatus, MappingTarget } from '../../domain/mappings.js';
import { type CheckInput, checkMappings } from './check.js';

const m = (
  kind: MappingKind,
  sageValue: string,
  status: MappingStatus,
  target: MappingTarget | null = null,
): Mapping => ({
  connectionId: 1,
  kind,
  sageValue,
  target,
  status,
  source: 'user',
  updatedAt: '',
});
const seattle = { warehouseId: '101', name: 'Seattle' };
const ground = { carrierCode: 'ups', serviceCode: 'ups_ground', name: 'UPS Ground' };
const shelf = { inventoryWarehouseId: 'se-1', inventoryLocationId: 'se-11', name: 'Seattle / Main' };

function input(mappings: Mapping[], over: Partial<CheckInput> = {}): CheckInput {
  return {
    mappings,
    sage: {
      locations: [{ code: '1', name: 'Seattle Warehouse' }],
      shipVias: [
        { code: 'UPSGND', name: 'UPS Ground' },
        { code: 'WILLCL', name: 'Will Call' },
      ],
      items: null,
    },
    shipstation: {
      warehouses: [{ id: '101', name: 'Seattle' }],
      services: [ground],
      inventoryLocations: null,
      productSkus: null,
    },
    filters: {},
    skuField: 'formatted',
    ...over,
  };
}

const ready = [
  m('location', '1', 'mapped', seattle),
  m('ship_via', 'UPSGND', 'mapped', ground),
  m('ship_via', 'WILLCL', 'skip'),
];

describe('mappings check', () => {
  it('passes when every location and ship-via is mapped (or skipped) to something ShipStation has', () => {
    const r = checkMappings(input(ready));
    expect(r.blocking).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it('blocks on unmapped, merely suggested, and stale mappings, each with its fix', () => {
    const r = checkMappings(
      input([
        m('location', '1', 'mapped', { warehouseId: '999', name: 'Closed' }),
        m('ship_via', 'UPSGND', 'suggested', ground),
      ]),
    );
    expect(r.blocking).toBe(3);
    const text = r.findings.filter((f) => f.severity === 'blocking').map((f) => `${f.value}: ${f.problem}`);
    expect(text).toEqual([
      '1: mapped to warehouse Closed (999), which ShipStation no longer has',
      'UPSGND: only suggested (UPS Ground), not confirmed',
      'WILLCL: not mapped to a ShipStation service',
    ]);
    expect(r.findings[1]!.fix).toContain('mappings suggest --accept --kind ship_via --value UPSGND');
    expect(r.findings[2]!.fix).toContain('ml-connector mappings set ship_via WILLCL --service <carrier>:<service>');
  });

  it('values the user filters leave out are information, not blocking', () => {
    const r = checkMappings(input([m('location', '1', 'mapped', seattle)], { filters: { shipVias: ['UPSGND'] } }));
    expect(r.findings.map((f) => [f.value, f.severity])).toEqual([
      ['UPSGND', 'blocking'],
      ['WILLCL', 'info'],
      ['ups:ups_ground', 'info'],
    ]);
  });

  it('with inventory on, a location whose stock goes nowhere is a warning; the other side is information', () => {
    const r = checkMappings(
      input(ready, {
        shipstation: {
          warehouses: [
            { id: '101', name: 'Seattle' },
            { id: '102', name: 'Chicago' },
          ],
          services: [ground, { carrierCode: 'ups', serviceCode: 'ups_next_day_air', name: 'UPS Next Day Air' }],
          inventoryLocations: [{ inventoryLocationId: 'se-11', warehouseName: 'Seattle', name: 'Main' }],
          productSkus: new Set(['A', 'ZZ']),
        },
        sage: {
          locations: [{ code: '1', name: 'Seattle Warehouse' }],
          shipVias: [
            { code: 'UPSGND', name: 'UPS Ground' },
            { code: 'WILLCL', name: 'Will Call' },
          ],
          items: [
            {
              unformatted: 'A',
              formatted: 'A',
              description: 'a',
              unitWeight: 1,
              weightUnit: 'lbs.',
              stockingUnit: 'Ea.',
              active: true,
            },
            {
              unformatted: 'B',
              formatted: 'B',
              description: 'b',
              unitWeight: 1,
              weightUnit: 'lbs.',
              stockingUnit: 'Ea.',
              active: true,
            },
            {
              unformatted: 'C',
              formatted: 'C',
              description: 'c',
              unitWeight: 1,
              weightUnit: 'lbs.',
              stockingUnit: 'Ea.',
              active: false,
            },
          ],
        },
      }),
    );
    expect(r.blocking).toBe(0);
    expect(r.warnings).toBe(1);
    expect(r.findings.map((f) => `${f.severity} ${f.side} ${f.kind} ${f.value}`)).toEqual([
      'warning sage300 inventory_location 1',
      'info shipstation warehouse 102',
      'info shipstation service ups:ups_next_day_air',
      'info shipstation inventory_location se-11',
      'info sage300 item B',
      'info shipstation product ZZ',
    ]);
    const mapped = checkMappings(
      input([...ready, m('inventory_location', '1', 'mapped', shelf)], {
        shipstation: {
          ...input([]).shipstation,
          inventoryLocations: [{ inventoryLocationId: 'se-11', warehouseName: 'S', name: 'M' }],
        },
      }),
    );
    expect(mapped.findings).toEqual([]);
  });
});
