import type { KeyValues } from './entity-key.js';
import {
  CUSTOMER,
  ENUMS,
  type EntitySetDef,
  type EntityType,
  INVOICE,
  ITEM,
  LOCATION,
  LOCATION_DETAIL,
  ORDER,
  qualifiedName,
  SHIP_TO_LOCATION,
  SHIP_VIA,
} from './entity-model.js';
import { jsonSource } from './json-source.js';
import { keyRange, type ListSource } from './list-query.js';
import { orderJson, orderResolver, orderSortKey } from './order-json.js';
import type { OrderRow } from './order-row.js';
import { readPayload } from './payload.js';
import { recordInvalid, SageError } from './sage-error.js';
import type { Json, SimState } from './sim-state.js';
import { dayToSage, round } from './values.js';

/**
 * Per-resource access for the Web API handler: a list source (for `$filter`/paging), a lookup by key, and a
 * JSON builder that honours `$select`. Orders are compact rows; everything else is JSON already.
 */
export interface Resource<Row> {
  source(): ListSource<Row>;
  find(key: KeyValues): Row | undefined;
  toJson(row: Row, select?: ReadonlySet<string>): Json;
}

const byKey =
  (...names: string[]) =>
  (a: Json, b: Json) => {
    for (const n of names) {
      const x = String(a[n]);
      const y = String(b[n]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

function selectJson(type: EntityType, row: Json, select?: ReadonlySet<string>): Json {
  if (!select) return row;
  const out: Json = {};
  for (const name of type.properties.keys()) if (select.has(name)) out[name] = row[name];
  return out;
}

function jsonResource(
  type: EntityType,
  rows: () => Json[],
  find: (key: KeyValues) => Json | undefined,
): Resource<Json> {
  return {
    source: () => jsonSource(type, rows()),
    find,
    toJson: (row, select) => selectJson(type, row, select),
  };
}

export function locationDetailJson(st: SimState, key: string): Json | undefined {
  const rec = st.stock.get(key);
  if (!rec) return undefined;
  return {
    ItemNumber: rec.item,
    Location: rec.location,
    UnformattedItemNumber: rec.unformatted,
    Name: String(st.locations.get(rec.location)?.['Name'] ?? ''),
    Allowed: true,
    InUse: true,
    QuantityOnHand: rec.onHand,
    QuantityCommitted: rec.committed,
    QuantityAvailableToShip: rec.onHand - rec.committed,
    QuantityOnPurchaseOrder: rec.onPurchaseOrder,
    QuantityOnSalesOrder: rec.committed,
    AverageCost: rec.cost,
    TotalCost: round(rec.cost * rec.onHand, 3),
    MostRecentCost: rec.cost,
    LastReceiptDate: dayToSage(rec.lastReceipt),
    LastShipmentDate: dayToSage(rec.lastShipment),
    UpdateOperation: 'Unspecified',
  };
}

function orderResource(st: SimState): Resource<OrderRow> {
  return {
    source: () => ({
      rows: st.orders,
      typeName: qualifiedName(ORDER),
      naturalKey: 'OrderUniquifier',
      resolver: orderResolver(st),
      sortKey: (name) => orderSortKey(name, st),
      range: (filter) => {
        const { min, max } = keyRange(filter, 'OrderUniquifier');
        return {
          start: min === undefined ? 0 : st.lowerBound(min),
          end: max === undefined ? st.orders.length : st.lowerBound(max + 1),
        };
      },
    }),
    find: (key) =>
      /^-?\d+$/.test(key['OrderUniquifier'] ?? '') ? st.ordersByUniq.get(Number(key['OrderUniquifier'])) : undefined,
    toJson: (row, select) => orderJson(row, st, select),
  };
}

export function resourceFor(st: SimState, set: EntitySetDef): Resource<unknown> {
  switch (set.name) {
    case 'OEOrders':
      return orderResource(st) as Resource<unknown>;
    case 'OEInvoices':
      return jsonResource(
        INVOICE,
        () => st.invoices,
        (k) => st.invoices.find((i) => String(i['InvoiceUniquifier']) === k['InvoiceUniquifier']),
      ) as Resource<unknown>;
    case 'OEShipViaCodes':
      return jsonResource(
        SHIP_VIA,
        () => [...st.shipVias.values()].sort(byKey('Code')),
        (k) => st.shipVias.get(k['Code'] ?? ''),
      ) as Resource<unknown>;
    case 'ARCustomers':
      return jsonResource(
        CUSTOMER,
        () => [...st.customers.values()].sort(byKey('CustomerNumber')),
        (k) => st.customers.get(k['CustomerNumber'] ?? ''),
      ) as Resource<unknown>;
    case 'ARShipToLocations':
      return jsonResource(
        SHIP_TO_LOCATION,
        () => [...st.shipTos.values()].sort(byKey('CustomerNumber', 'ShipToLocationKey')),
        (k) => st.shipTos.get(`${k['CustomerNumber']}\u0000${k['ShipToLocationKey']}`),
      ) as Resource<unknown>;
    case 'ICItems':
      return jsonResource(
        ITEM,
        () => [...st.items.values()].sort(byKey('UnformattedItemNumber')),
        (k) => st.items.get(k['UnformattedItemNumber'] ?? ''),
      ) as Resource<unknown>;
    case 'ICLocations':
      return jsonResource(
        LOCATION,
        () => [...st.locations.values()].sort(byKey('LocationKey')),
        (k) => st.locations.get(k['LocationKey'] ?? ''),
      ) as Resource<unknown>;
    default:
      return jsonResource(
        LOCATION_DETAIL,
        () =>
          [...st.stock.keys()].map((key) => locationDetailJson(st, key) as Json).sort(byKey('ItemNumber', 'Location')),
        (k) => locationDetailJson(st, st.stockKey(k['ItemNumber'] ?? '', k['Location'] ?? '')),
      ) as Resource<unknown>;
  }
}

function defaults(type: EntityType): Json {
  const out: Json = {};
  for (const [name, t] of type.properties) {
    out[name] =
      t === 'S'
        ? ''
        : t === 'B'
          ? false
          : t === 'T'
            ? null
            : t.startsWith('C:')
              ? []
              : t.startsWith('E:')
                ? (ENUMS[t.slice(2)]?.[0] ?? '')
                : 0;
  }
  return out;
}

/** POST on a master-data set: every key property required; an existing key is 409 RecordDuplicate. */
export function insertMaster(st: SimState, set: EntitySetDef, body: unknown): Json {
  const payload = readPayload(body, set.type);
  const json: Json = { ...defaults(set.type), ...payload };
  for (const [name, t] of set.type.properties) {
    if (t === 'T' && typeof payload[name] === 'number') json[name] = dayToSage(payload[name] as number);
  }
  for (const k of set.type.key) {
    if (typeof json[k] !== 'string' || json[k] === '') throw recordInvalid(`${k} is required.`);
  }
  const key = set.type.key.map((k) => String(json[k])).join('\u0000');
  const target =
    set.name === 'OEShipViaCodes'
      ? st.shipVias
      : set.name === 'ARCustomers'
        ? st.customers
        : set.name === 'ARShipToLocations'
          ? st.shipTos
          : set.name === 'ICItems'
            ? st.items
            : st.locations;
  if (target.has(key)) throw new SageError(409, 'RecordDuplicate', 'The record already exists.');
  target.set(key, json);
  if (set.name === 'ICItems') {
    if (!json['ItemNumber']) json['ItemNumber'] = json['UnformattedItemNumber'];
    st.itemsByNumber.set(String(json['ItemNumber']), json);
    st.prices.set(key, 0);
  }
  return json;
}
