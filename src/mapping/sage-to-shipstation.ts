import type { ResolvedCustomsSettings } from '../domain/connection.js';
import { DEFAULT_FIELD_MAPPING, type ResolvedFieldMapping } from '../domain/field-mapping.js';
import { orderKeyFor, shipStationOrderNumber } from '../domain/link.js';
import type { ServiceTarget, WarehouseTarget } from '../domain/mappings.js';
import type { OutboundAddress, OutboundItem, OutboundOrder, OutboundWeight } from '../domain/outbound-order.js';
import { fail, ok, type Problem, type Result } from '../domain/result.js';
import type { SageAddress, SageCustomer, SageItem, SageOrder, SageOrderLine } from '../domain/sage.js';
import { normaliseCountry } from './country.js';
import { type CustomsLine, mapCustoms, shipFromCountry } from './customs.js';
import { mapFields } from './field-mapping.js';
import { problems } from './problems.js';
import { sumWeights, toWeight } from './weight.js';

export interface OrderMappingContext {
  company: string;
  customer: SageCustomer | undefined;
  /** Sage items by unformatted item number (the ICItems key). */
  items: ReadonlyMap<string, SageItem>;
  /** The order's ship-via, resolved through the mapping table (undefined = not mapped). */
  shipVia: ServiceTarget | undefined;
  /** A Sage location's ShipStation warehouse (undefined = not mapped). */
  warehouseFor(location: string): WarehouseTarget | undefined;
  skuField: 'formatted' | 'unformatted';
  /** The ShipStation account's currency; V1 has no currency field, so others are named in the notes. */
  accountCurrency: string;
  /** Miscellaneous charge codes that are freight (their amounts become shippingAmount). */
  freightCodes: readonly string[];
  /** Order is on hold in Sage (sent as on_hold on V1). */
  onHold: boolean;
  /** Customs declarations of international orders; undefined = none (as before customs existed). */
  customs?: ResolvedCustomsSettings;
  /** A ShipStation warehouse's origin country as ShipStation shows it (undefined = not known). */
  warehouseCountry?: (warehouseId: string) => string | undefined;
  /** The person's field mapping (docs/mapping.md, "Field mapping"); undefined = the defaults. */
  fields?: ResolvedFieldMapping;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Quantities ready to ship per item line, in stocking units: outstanding minus backordered, times the
 * unit conversion (domain.md, "Decide"). ShipStation quantities are whole numbers, so a fractional result
 * is a problem rather than a rounding.
 */
export function shippableQuantities(order: SageOrder): Result<Map<number, number>, Problem> {
  const out = new Map<number, number>();
  const found: Problem[] = [];
  for (const line of order.lines) {
    if (line.type !== 'Item') continue;
    const orderUnits = Math.max(0, line.quantityOrdered - line.quantityBackordered);
    const stocking = round4(orderUnits * (line.unitConversion || 1));
    if (stocking <= 0) continue;
    if (!Number.isInteger(stocking)) {
      found.push(problems.fractionalQuantity(order.number, line.item, line.lineNumber, stocking));
      continue;
    }
    out.set(line.lineNumber, stocking);
  }
  return found.length > 0 ? fail(found) : ok(out);
}

/**
 * Maps one Sage order (the lines and quantities given) to the ShipStation order the connector sends.
 * Pure and total: every problem found is returned at once, so a person fixes them in one go.
 */
export function mapOrder(
  order: SageOrder,
  seq: number,
  quantities: ReadonlyMap<number, number>,
  ctx: OrderMappingContext,
): Result<OutboundOrder, Problem> {
  const found: Problem[] = [];

  const orderKey = `${ctx.company}-${order.number}-${seq}`;
  if (orderKey.length > 50) found.push(problems.orderKeyTooLong(order.number, orderKey));

  const shipTo = mapShipTo(order, ctx.customer, found);
  const billTo = mapBillTo(order, ctx.customer, shipTo);

  if (!ctx.shipVia) {
    found.push(
      order.shipViaCode
        ? problems.unmappedShipVia(order.number, order.shipViaCode, order.shipViaDescription)
        : problems.noShipVia(order.number),
    );
  }

  const { items, customsLines, weights, unitsByLocation } = mapLines(order, quantities, ctx, found);

  // One ShipStation order ships from one warehouse: the location holding most of the units.
  const locations = [...unitsByLocation.entries()].sort((a, b) => b[1] - a[1]).map(([l]) => l);
  const mainLocation = locations[0] ?? order.lines.find((l) => l.type === 'Item')?.location ?? '';
  const warehouse = mainLocation ? ctx.warehouseFor(mainLocation) : undefined;
  if (mainLocation && !warehouse) found.push(problems.unmappedLocation(order.number, mainLocation));

  const customs =
    ctx.customs && shipTo
      ? mapCustoms(
          order.number,
          customsLines,
          shipFromCountry(ctx.customs, warehouse?.warehouseId ?? null, ctx.warehouseCountry),
          shipTo.country,
          ctx.customs,
          found,
        )
      : undefined;

  const mapped = mapFields(
    ctx.fields ?? DEFAULT_FIELD_MAPPING,
    { order, customer: ctx.customer },
    shipTo?.country ?? null,
  );
  found.push(...mapped.problems);

  if (found.length > 0 || !shipTo) return fail(found);

  const { customField1, customField2, customField3, internalNotes, ...chosen } = mapped.fields;
  const notes: string[] = [];
  if (internalNotes) notes.push(internalNotes);
  if (order.currency && order.currency.toUpperCase() !== ctx.accountCurrency.toUpperCase()) {
    notes.push(`Amounts are in ${order.currency.toUpperCase()}.`);
  }
  if (locations.length > 1) notes.push(`Lines ship from Sage locations ${locations.join(', ')}.`);

  return ok({
    orderKey: orderKeyFor(ctx.company, order.number, seq),
    orderNumber: shipStationOrderNumber(order.number, seq),
    orderDate: order.orderDate,
    status: ctx.onHold ? 'on_hold' : 'awaiting_shipment',
    customerUsername: order.customerNumber,
    customerEmail: nonEmpty(order.shipTo.email) ?? nonEmpty(ctx.customer?.email ?? '') ?? null,
    shipTo,
    billTo,
    items,
    amountPaid: round2(order.orderTotal),
    taxAmount: round2(order.taxTotal),
    shippingAmount: round2(freight(order.lines, ctx.freightCodes)),
    currency: (order.currency || ctx.accountCurrency).toUpperCase(),
    internalNotes: notes.length > 0 ? notes.join('\n') : null,
    requestedShippingService: nonEmpty(order.shipViaDescription) ?? nonEmpty(order.shipViaCode),
    carrierCode: ctx.shipVia?.carrierCode ?? null,
    serviceCode: ctx.shipVia?.serviceCode ?? null,
    warehouseId: warehouse?.warehouseId ?? null,
    customField1,
    customField2,
    customField3,
    weight: sumWeights(weights),
    ...(customs ? { customs } : {}),
    ...chosen,
  });
}

/** The item lines with quantity to ship, their Sage items (for customs), weights and units per location. */
function mapLines(
  order: SageOrder,
  quantities: ReadonlyMap<number, number>,
  ctx: OrderMappingContext,
  found: Problem[],
) {
  const items: OutboundItem[] = [];
  const customsLines: CustomsLine[] = [];
  const weights: { weight: OutboundWeight; quantity: number }[] = [];
  const unitsByLocation = new Map<string, number>();
  for (const line of order.lines) {
    const quantity = quantities.get(line.lineNumber) ?? 0;
    if (line.type !== 'Item' || quantity <= 0) continue;
    const item = ctx.items.get(line.unformattedItem);
    if (!item) {
      found.push(problems.itemNotFound(order.number, line.item || line.unformattedItem, line.lineNumber));
      continue;
    }
    const weight = toWeight(item.unitWeight, item.weightUnit);
    if (weight === 'unknown') {
      found.push(problems.unknownWeightUnit(order.number, item.formatted, item.weightUnit));
      continue;
    }
    if (weight) weights.push({ weight, quantity });
    unitsByLocation.set(line.location, (unitsByLocation.get(line.location) ?? 0) + quantity);
    const outbound: OutboundItem = {
      lineKey: String(line.lineNumber),
      sku: ctx.skuField === 'unformatted' ? item.unformatted : line.item || item.formatted,
      name: itemName(line, item),
      quantity,
      unitPrice: round4(line.unitPrice / (line.unitConversion || 1)),
      weight,
      warehouseLocation: null,
    };
    items.push(outbound);
    customsLines.push({ item: outbound, sage: item });
  }
  return { items, customsLines, weights, unitsByLocation };
}

/** The item's own description; when sold in another unit than it is stocked in, the name says so. */
function itemName(line: SageOrderLine, item: SageItem): string {
  const base = item.description || line.description || item.formatted;
  const conversion = line.unitConversion || 1;
  if (conversion !== 1 && line.unit && line.unit.toLowerCase() !== item.stockingUnit.toLowerCase()) {
    return `${base} (${line.unit} of ${conversion})`;
  }
  return base;
}

function freight(lines: readonly SageOrderLine[], codes: readonly string[]): number {
  const wanted = new Set(codes.map((c) => c.toUpperCase()));
  return lines
    .filter(
      (l) => l.type === 'Miscellaneous' && (wanted.has(l.miscCode.toUpperCase()) || /freight/i.test(l.description)),
    )
    .reduce((sum, l) => sum + l.extendedAmount, 0);
}

function mapShipTo(order: SageOrder, customer: SageCustomer | undefined, found: Problem[]): OutboundAddress | null {
  const a = order.shipTo;
  const missing: string[] = [];
  if (!a.line1.trim()) missing.push('street');
  if (!a.city.trim()) missing.push('city');
  if (!a.country.trim()) missing.push('country');
  if (!a.name.trim() && !a.contact.trim() && !customer?.name) missing.push('name');
  const country = a.country.trim() ? normaliseCountry(a.country) : null;
  if (a.country.trim() && !country) {
    found.push(problems.unknownCountry(order.number, a.country));
    return null;
  }
  if ((country === 'US' || country === 'CA') && !a.state.trim()) missing.push('state');
  if ((country === 'US' || country === 'CA') && !a.postalCode.trim()) missing.push('postal code');
  if (missing.length > 0) {
    found.push(problems.noShipToAddress(order.number, missing));
    return null;
  }
  return address(a, country ?? 'US', customer?.name ?? '', customer?.phone ?? '');
}

/** Bill-to from the order, else the customer's address, else the ship-to (ShipStation requires one). */
function mapBillTo(
  order: SageOrder,
  customer: SageCustomer | undefined,
  shipTo: OutboundAddress | null,
): OutboundAddress {
  const fromOrder = order.billTo;
  const country = normaliseCountry(fromOrder.country);
  if (fromOrder.line1.trim() && fromOrder.city.trim() && country) {
    return address(fromOrder, country, customer?.name ?? '', customer?.phone ?? '');
  }
  const c = customer?.address;
  const cCountry = c ? normaliseCountry(c.country) : null;
  if (c?.line1.trim() && c.city.trim() && cCountry)
    return address(c, cCountry, customer?.name ?? '', customer?.phone ?? '');
  return (
    shipTo ?? {
      name: customer?.name || order.customerNumber,
      company: null,
      street1: '',
      street2: null,
      street3: null,
      city: '',
      state: '',
      postalCode: '',
      country: 'US',
      phone: null,
      email: null,
    }
  );
}

/**
 * ShipStation's `name` is a person and `company` an organisation; Sage's ship-to name is usually the
 * company and the contact the person.
 */
function address(a: SageAddress, country: string, fallbackName: string, fallbackPhone: string): OutboundAddress {
  const company = nonEmpty(a.name);
  const person = nonEmpty(a.contact);
  return {
    name: person ?? company ?? fallbackName,
    company: person ? company : null,
    street1: a.line1.trim(),
    street2: nonEmpty(a.line2),
    street3: nonEmpty([a.line3, a.line4].filter((s) => s.trim()).join(', ')),
    city: a.city.trim(),
    state: a.state.trim(),
    postalCode: a.postalCode.trim(),
    country,
    phone: nonEmpty(a.phone) ?? nonEmpty(fallbackPhone),
    email: nonEmpty(a.email),
  };
}

function nonEmpty(s: string): string | null {
  const t = s.trim();
  return t ? t : null;
}
