/**
 * The file `ml-connector shipments export` writes for a person to import in Sage 300 (O/E Shipment Entry,
 * File > Import, type "Single CSV File") while the Web API refuses order updates. Layout (docs/shipments.md
 * lists its assumptions): a title row per record type, then one `1` row per shipment (the O/E shipment header)
 * followed by its `2` rows (one per order line shipped), linked by SHIUNIQ. Values are quoted; dates YYYYMMDD.
 */
export interface ExportShipment {
  /** 1, 2, … within the file: links detail rows to their header (SHIUNIQ). */
  seq: number;
  sourceId: string;
  customer: string;
  orderNumber: string;
  /** `YYYY-MM-DD` */
  shipDate: string | null;
  shipVia: string | null;
  tracking: string | null;
  lines: { lineNumber: number; item: string; location: string; quantity: number; unit: string }[];
}

export const HEADER_FIELDS = [
  'RECTYPE',
  'SHIUNIQ',
  'SHINUMBER',
  'CUSTOMER',
  'SHIDATE',
  'ORDNUMBER',
  'SHIPVIA',
  'SHIPTRACK',
  'REFERENCE',
] as const;
export const DETAIL_FIELDS = [
  'RECTYPE',
  'SHIUNIQ',
  'LINENUM',
  'ORDNUMBER',
  'ORDLINENUM',
  'ITEM',
  'LOCATION',
  'QTYSHIPPED',
  'SHIUNIT',
] as const;

const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
const row = (values: (string | number)[]) => values.map(quote).join(',');
const yyyymmdd = (d: string | null) => (d ? d.replace(/-/g, '') : '');

export function shipmentsCsv(shipments: readonly ExportShipment[]): string {
  const lines = [row([...HEADER_FIELDS]), row([...DETAIL_FIELDS])];
  for (const s of shipments) {
    lines.push(
      row([
        1,
        s.seq,
        '*** NEW ***',
        s.customer,
        yyyymmdd(s.shipDate),
        s.orderNumber,
        s.shipVia ?? '',
        s.tracking ?? '',
        // Sage's 60-character reference: which ShipStation label or fulfillment this is.
        `ShipStation ${s.sourceId}`.slice(0, 60),
      ]),
    );
    s.lines.forEach((l, i) => {
      lines.push(row([2, s.seq, (i + 1) * 32, s.orderNumber, l.lineNumber, l.item, l.location, l.quantity, l.unit]));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}
