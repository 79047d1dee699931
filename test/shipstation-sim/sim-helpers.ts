import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY } from '../../src/simulators/demo-world.js';

export const V1_AUTH = `Basic ${Buffer.from(`${DEMO_V1_KEY}:${DEMO_V1_SECRET}`).toString('base64')}`;
export const V2_KEY = DEMO_V2_KEY;

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API sent and assert its shape
  body: any;
  text: string;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** A GET of a full URL (a webhook's resource_url, a paging link) with the given headers. */
export async function getUrl(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(await fetch(url, { headers }));
}

/** One V1 call with the demo Basic credentials. */
export async function v1(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
  auth = V1_AUTH,
): Promise<Answer> {
  const headers: Record<string, string> = { authorization: auth };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return answer(await fetch(`${origin}${path}`, init));
}

/** One V2 call with the demo API key (`path` starts after `/v2`). */
export async function v2(origin: string, method: string, path: string, body?: unknown, key = V2_KEY): Promise<Answer> {
  const headers: Record<string, string> = { 'api-key': key };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  return answer(await fetch(`${origin}/v2${path}`, init));
}

/** A V1 order body the simulator accepts; `overrides` replace top-level fields. */
export function v1Order(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderNumber: String(n),
    orderKey: `SAMINC-${n}-1`,
    orderDate: '2026-11-20T12:00:00',
    orderStatus: 'awaiting_shipment',
    customerUsername: `CUST${n % 7}`,
    customerEmail: 'buyer@example.com',
    billTo: { name: 'Pat Buyer' },
    shipTo: {
      name: 'Pat Buyer',
      street1: '500 Pine St',
      city: 'Seattle',
      state: 'WA',
      postalCode: '98101',
      country: 'US',
      phone: '206-555-0199',
      residential: false,
    },
    items: [
      {
        lineItemKey: '32',
        sku: 'A1-105/0',
        name: 'Hex bolt',
        quantity: 3,
        unitPrice: 2.5,
        weight: { value: 4, units: 'ounces' },
      },
      { lineItemKey: '64', sku: 'A1-200/0', name: 'Washer', quantity: 10, unitPrice: 0.2 },
    ],
    amountPaid: 9.5,
    taxAmount: 0.5,
    shippingAmount: 1,
    carrierCode: 'ups',
    serviceCode: 'ups_ground',
    advancedOptions: { customField1: 'PO-1', customField2: String(n) },
    ...overrides,
  };
}

/** A V2 create_shipment_request the simulator accepts. */
export function v2Shipment(
  n: number,
  warehouseId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    external_shipment_id: `SAMINC-${n}-1`,
    shipment_number: String(n),
    create_sales_order: true,
    warehouse_id: warehouseId,
    ship_to: {
      name: 'Amanda Miller',
      phone: '555-555-5555',
      email: 'amanda@example.com',
      address_line1: '525 S Winchester Blvd',
      city_locality: 'San Jose',
      state_province: 'CA',
      postal_code: '95128',
      country_code: 'US',
      address_residential_indicator: 'yes',
    },
    items: [
      { name: 'Blue Silk Tuxedo', sku: 'TEST-BST', quantity: 1, unit_price: 99.99, external_order_item_id: '32' },
    ],
    packages: [{ package_code: 'package', weight: { value: 18, unit: 'ounce' } }],
    amount_paid: { currency: 'usd', amount: 99.99 },
    ...overrides,
  };
}

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: webhook bodies are asserted field by field
  body: any;
}

/** A local webhook target: records every POST and answers `status()` (200 unless changed). */
export async function startReceiver(status: () => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, raw, body: raw ? JSON.parse(raw) : null });
      res.statusCode = status();
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
