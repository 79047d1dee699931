import type { Mapping, MappingKind } from '../../domain/mappings.js';
import type { SageItem, SageLocation, SageShipVia } from '../../domain/sage.js';
import { targetValue } from './reverse.js';

export type Severity = 'blocking' | 'warning' | 'info';

export interface CheckFinding {
  severity: Severity;
  side: 'sage300' | 'shipstation';
  kind: 'location' | 'ship_via' | 'inventory_location' | 'item' | 'warehouse' | 'service' | 'product';
  value: string;
  name: string;
  problem: string;
  fix?: string;
}

export interface CheckInput {
  mappings: readonly Mapping[];
  sage: { locations: readonly SageLocation[]; shipVias: readonly SageShipVia[]; items: readonly SageItem[] | null };
  shipstation: {
    warehouses: readonly { id: string; name: string }[];
    services: readonly { carrierCode: string; serviceCode: string; name: string }[];
    /** null: no V2 key or no Inventory add-on (inventory is off, nothing to map). */
    inventoryLocations: readonly { inventoryLocationId: string; warehouseName: string; name: string }[] | null;
    /** SKUs of ShipStation's products; null when they could not be read (no V1 credentials). */
    productSkus: ReadonlySet<string> | null;
  };
  filters: { locations?: readonly string[]; shipVias?: readonly string[] };
  skuField: 'formatted' | 'unformatted';
}

export interface CheckResult {
  findings: CheckFinding[];
  blocking: number;
  warnings: number;
}

/**
 * `mappings check` (pure): before go-live, everything on either side without a counterpart. Blocking —
 * orders would be held: a Sage location or ship-via code orders may use that is not mapped (a suggestion
 * nobody confirmed counts as not mapped, as the orders flow sees it), or is mapped to a warehouse or
 * service ShipStation no longer has. Warnings: a Sage location whose stock does not reach ShipStation
 * although inventory is on. Information: ShipStation values nothing maps to, active Sage items with no
 * ShipStation product (ShipStation makes one from the first order that uses the SKU) and products with no
 * Sage item.
 */
export function checkMappings(input: CheckInput): CheckResult {
  const findings: CheckFinding[] = [];
  const byKey = new Map(input.mappings.map((m) => [`${m.kind}|${m.sageValue}`, m]));
  const mapping = (kind: MappingKind, value: string) => byKey.get(`${kind}|${value}`);
  const warehouses = new Set(input.shipstation.warehouses.map((w) => w.id));
  const services = new Set(input.shipstation.services.map((s) => `${s.carrierCode}:${s.serviceCode}`));
  const only = (list: readonly string[] | undefined, v: string) => !list || list.length === 0 || list.includes(v);

  for (const l of input.sage.locations) {
    const used = only(input.filters.locations, l.code);
    const m = mapping('location', l.code);
    const problem = mappedProblem(m, warehouses, 'warehouse');
    if (problem) {
      findings.push({
        severity: used ? 'blocking' : 'info',
        side: 'sage300',
        kind: 'location',
        value: l.code,
        name: l.name,
        problem: used ? problem : `${problem} (not used: the location filter leaves it out)`,
        fix: `ml-connector mappings set location ${arg(l.code)} --warehouse <ShipStation warehouse id or name>${suggestionHint(m)}`,
      });
    }
  }
  for (const v of input.sage.shipVias) {
    const used = only(input.filters.shipVias, v.code);
    const m = mapping('ship_via', v.code);
    const problem = m?.status === 'skip' ? null : mappedProblem(m, services, 'service');
    if (problem) {
      findings.push({
        severity: used ? 'blocking' : 'info',
        side: 'sage300',
        kind: 'ship_via',
        value: v.code,
        name: v.name,
        problem: used ? problem : `${problem} (not used: the ship-via filter leaves it out)`,
        fix: `ml-connector mappings set ship_via ${arg(v.code)} --service <carrier>:<service> (or --skip if it does not ship through ShipStation)${suggestionHint(m)}`,
      });
    }
  }
  const inventory = input.shipstation.inventoryLocations;
  if (inventory) {
    const ids = new Set(inventory.map((l) => l.inventoryLocationId));
    for (const l of input.sage.locations) {
      const problem = mappedProblem(mapping('inventory_location', l.code), ids, 'inventory location');
      if (problem) {
        findings.push({
          severity: 'warning',
          side: 'sage300',
          kind: 'inventory_location',
          value: l.code,
          name: l.name,
          problem: `${problem}: its stock is not sent to ShipStation`,
          fix: `ml-connector mappings set inventory_location ${arg(l.code)} --inventory-location <id or name>`,
        });
      }
    }
  }
  findings.push(...reverseFindings(input));
  findings.push(...itemFindings(input));
  const rank: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };
  findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
  return {
    findings,
    blocking: findings.filter((f) => f.severity === 'blocking').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** Why a Sage value does not reach a ShipStation value, or null when it does. */
function mappedProblem(m: Mapping | undefined, existing: ReadonlySet<string>, what: string): string | null {
  if (!m || m.status === 'unmapped') return `not mapped to a ShipStation ${what}`;
  if (m.status === 'suggested') return `only suggested (${m.target?.name ?? '?'}), not confirmed`;
  if (m.status === 'skip') return null;
  const value = targetValue(m);
  if (!value) return `mapped to nothing usable`;
  if (!existing.has(value))
    return `mapped to ${what} ${m.target?.name ?? value} (${value}), which ShipStation no longer has`;
  return null;
}

function suggestionHint(m: Mapping | undefined): string {
  return m?.status === 'suggested'
    ? `, or confirm the suggestion: ml-connector mappings suggest --accept --kind ${m.kind} --value ${arg(m.sageValue)}`
    : '';
}

function reverseFindings(input: CheckInput): CheckFinding[] {
  const out: CheckFinding[] = [];
  const pointed = (kind: MappingKind) =>
    new Set(
      input.mappings
        .filter((m) => m.kind === kind && m.status === 'mapped')
        .map(targetValue)
        .filter((v): v is string => v !== null),
    );
  const wh = pointed('location');
  for (const w of input.shipstation.warehouses) {
    if (!wh.has(w.id))
      out.push({
        severity: 'info',
        side: 'shipstation',
        kind: 'warehouse',
        value: w.id,
        name: w.name,
        problem: 'no Sage location is mapped to this warehouse',
      });
  }
  const sv = pointed('ship_via');
  for (const s of input.shipstation.services) {
    const key = `${s.carrierCode}:${s.serviceCode}`;
    if (!sv.has(key))
      out.push({
        severity: 'info',
        side: 'shipstation',
        kind: 'service',
        value: key,
        name: s.name,
        problem: 'no Sage ship-via code is mapped to this service',
        fix: 'add one in Sage, or let the connector create it: ml-connector mappings create-ship-vias (or CREATE_MISSING_SHIP_VIAS=true)',
      });
  }
  const il = pointed('inventory_location');
  for (const l of input.shipstation.inventoryLocations ?? []) {
    if (!il.has(l.inventoryLocationId))
      out.push({
        severity: 'info',
        side: 'shipstation',
        kind: 'inventory_location',
        value: l.inventoryLocationId,
        name: `${l.warehouseName} / ${l.name}`,
        problem: 'no Sage location sends stock here',
      });
  }
  return out;
}

function itemFindings(input: CheckInput): CheckFinding[] {
  const items = input.sage.items;
  const skus = input.shipstation.productSkus;
  if (!items || !skus) return [];
  const out: CheckFinding[] = [];
  const sageSkus = new Set<string>();
  for (const i of items) {
    const sku = input.skuField === 'unformatted' ? i.unformatted : i.formatted;
    sageSkus.add(sku);
    if (i.active && !skus.has(sku))
      out.push({
        severity: 'info',
        side: 'sage300',
        kind: 'item',
        value: sku,
        name: i.description,
        problem:
          'active item with no ShipStation product yet (ShipStation makes it from the first order with this SKU)',
      });
  }
  for (const sku of skus) {
    if (!sageSkus.has(sku))
      out.push({
        severity: 'info',
        side: 'shipstation',
        kind: 'product',
        value: sku,
        name: sku,
        problem: 'ShipStation product whose SKU is no Sage item',
      });
  }
  return out;
}

/** A value as a shell argument (`""` for the blank ship-via). */
function arg(value: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(value) ? value : `"${value.replace(/"/g, '\\"')}"`;
}
