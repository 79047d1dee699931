import { describe, expect, it } from 'vitest';
import { DEMO_CARRIERS, DEMO_LOCATIONS, DEMO_SHIP_VIAS } from '../../simulators/demo-world.js';
import { similarity } from './similarity.js';
import { suggest } from './suggest.js';

const services = DEMO_CARRIERS.flatMap((c) =>
  c.services.map((s) => ({
    name: s.serviceName,
    target: { carrierCode: s.carrierCode, serviceCode: s.serviceCode, name: s.serviceName },
  })),
);

describe('mapping suggestions by name similarity', () => {
  it.each([
    ['UPS Ground', 'UPS® Ground', 1],
    ['FedEx 2Day', 'FedEx 2Day®', 1],
    ['Seattle Warehouse', 'Seattle Warehouse', 1],
  ])('%s ~ %s scores %s', (a, b, expected) => {
    expect(similarity(a, b)).toBe(expected);
  });

  it('ranks the exact service above its longer namesake', () => {
    expect(similarity('USPS Priority Mail', 'USPS Priority Mail')).toBeGreaterThan(
      similarity('USPS Priority Mail', 'USPS Priority Mail Express'),
    );
  });

  it('maps every demo ship-via unambiguously: services by name, freight and will-call to "not through ShipStation"', () => {
    const result = suggest(
      'ship_via',
      DEMO_SHIP_VIAS.map((v) => ({ value: v.code, name: v.name })),
      services,
    );
    for (const v of DEMO_SHIP_VIAS) {
      const s = result.find((r) => r.sageValue === v.code)!;
      expect(s.unambiguous, `${v.code} ${v.name}: ${JSON.stringify(s)}`).toBe(true);
      if (v.service) expect(s.target).toMatchObject(v.service);
      else expect(s.target).toBe('skip');
    }
  });

  it('maps the demo locations to the warehouses of the same name', () => {
    const warehouses = DEMO_LOCATIONS.map((l, i) => ({
      name: l.name,
      target: { warehouseId: String(100 + i), name: l.name },
    }));
    const result = suggest(
      'location',
      DEMO_LOCATIONS.map((l) => ({ value: l.code, name: l.name })),
      warehouses,
    );
    expect(result.map((r) => [r.sageValue, (r.target as { warehouseId: string }).warehouseId, r.unambiguous])).toEqual([
      ['1', '100', true],
      ['2', '101', true],
      ['3', '102', true],
    ]);
  });

  it('leaves an unknown name unmapped and a near tie ambiguous', () => {
    const [none] = suggest('ship_via', [{ value: 'ZZ', name: 'Pigeon post' }], services);
    expect(none?.target).toBeNull();
    const [tie] = suggest(
      'location',
      [{ value: 'X', name: 'Warehouse' }],
      [
        { name: 'Warehouse A', target: { warehouseId: '1', name: 'Warehouse A' } },
        { name: 'Warehouse B', target: { warehouseId: '2', name: 'Warehouse B' } },
      ],
    );
    expect(tie?.unambiguous).toBe(false);
  });
});
