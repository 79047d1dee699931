import type { SageOrder, SageOrderLine } from '../domain/sage.js';

/**
 * A Sage order and its lines as the mapping and the write-back tests start from: order 7 (ORD000007),
 * item lines of 10 ordered, nothing shipped; `over` changes what a case is about.
 */
export function sageLine(lineNumber: number, over: Partial<SageOrderLine> = {}): SageOrderLine {
  return {
    lineNumber,
    type: 'Item',
    item: `A1-${lineNumber}/0`,
    unformattedItem: `A1${lineNumber}0`,
    description: '',
    location: '1',
    quantityOrdered: 10,
    quantityBackordered: 0,
    quantityCommitted: 10,
    quantityShippedToDate: 0,
    originalQuantityOrdered: 10,
    unit: 'Ea.',
    unitConversion: 1,
    unitPrice: 1,
    extendedAmount: 10,
    miscCode: '',
    completed: false,
    ...over,
  };
}

export function sageOrder(lines: SageOrderLine[]): SageOrder {
  return {
    uniquifier: '7',
    number: 'ORD000007',
    type: 'Active',
    orderDate: '2026-11-01',
    expectedShipDate: null,
    customerNumber: '1200',
    poNumber: '',
    reference: '',
    description: '',
    comment: '',
    shipViaCode: 'UPSGRD',
    shipViaDescription: '',
    shipToLocationCode: '',
    onHold: false,
    completed: false,
    currency: 'USD',
    homeCurrency: 'USD',
    shipTo: {} as SageOrder['shipTo'],
    billTo: {} as SageOrder['billTo'],
    lines,
    orderTotal: 0,
    taxTotal: 0,
    lastShipmentNumber: '',
    numberOfShipments: 0,
    trackingNumber: '',
    shipmentDate: null,
  };
}
