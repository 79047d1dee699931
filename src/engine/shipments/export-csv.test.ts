import { describe, expect, it } from 'vitest';
import { shipmentsCsv } from './export-csv.js';

describe('the export file (Single CSV for O/E Shipment Entry)', () => {
  it('writes a title row per record type, then each header with its lines, quoted, dates YYYYMMDD', () => {
    const csv = shipmentsCsv([
      {
        seq: 1,
        sourceId: 'v1:shipment:9',
        customer: '1100',
        orderNumber: 'ORD000001',
        shipDate: '2026-11-27',
        shipVia: 'UPSGND',
        tracking: '1Z"9',
        lines: [
          { lineNumber: 32, item: 'A1-105/0', location: '1', quantity: 2, unit: 'Ea.' },
          { lineNumber: 96, item: 'SH-C', location: '2', quantity: 0.5, unit: 'CAS' },
        ],
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      '"RECTYPE","SHIUNIQ","SHINUMBER","CUSTOMER","SHIDATE","ORDNUMBER","SHIPVIA","SHIPTRACK","REFERENCE"',
      '"RECTYPE","SHIUNIQ","LINENUM","ORDNUMBER","ORDLINENUM","ITEM","LOCATION","QTYSHIPPED","SHIUNIT"',
      '"1","1","*** NEW ***","1100","20261127","ORD000001","UPSGND","1Z""9","ShipStation v1:shipment:9"',
      '"2","1","32","ORD000001","32","A1-105/0","1","2","Ea."',
      '"2","1","64","ORD000001","96","SH-C","2","0.5","CAS"',
      '',
    ]);
  });
});
