import { z } from 'zod';
import { systemClock } from '../../domain/clock.js';
import { ConnectorError } from '../../domain/errors.js';
import type { CallOptions } from './api-transport.js';
import { type ClientCommonOptions, ClientCore, prio } from './client-core.js';
import type { PageOptions } from './paged-list.js';
import { assertAllowedResourceUrl, DEFAULT_V2_BASE_URL } from './resource-url.js';
import { createShipmentsInBatches } from './v2-create-shipments.js';
import { classifyV2Response } from './v2-errors.js';
import { inventoryListPageSchema, toInventoryListPage } from './v2-inventory-list-page.js';
import type { InventoryListPage } from './v2-inventory-reader.js';
import { fulfillmentQuery, inventoryQuery, labelQuery, shipmentQuery } from './v2-query.js';
import { addResourcePage, v2ResourcePageSchema } from './v2-resource-page.js';
import { decideV2Retry, V2_MAX_ATTEMPTS } from './v2-retry.js';
import {
  type V2Carrier,
  type V2InventoryWarehouse,
  type V2Label,
  type V2Shipment,
  type V2VoidResult,
  type V2Warehouse,
  type V2Webhook,
  v2CarrierSchema,
  v2CreateFulfillmentsResultSchema,
  v2FulfillmentSchema,
  v2InventoryLocationSchema,
  v2InventorySchema,
  v2InventoryWarehouseSchema,
  v2LabelSchema,
  v2ShipmentSchema,
  v2VoidResultSchema,
  v2WarehouseSchema,
  v2WebhookSchema,
} from './v2-schemas.js';
import type {
  V2CreateShipmentResult,
  V2FulfillmentFilters,
  V2FulfillmentInput,
  V2InventoryFilters,
  V2InventoryTransaction,
  V2LabelFilters,
  V2Resource,
  V2ShipmentFilters,
  V2ShipmentInput,
  V2ShipmentUpdate,
  V2WebhookEvent,
} from './v2-types.js';

export interface V2ClientOptions extends ClientCommonOptions {
  /** Includes `/v2`; default the real `https://api.shipstation.com/v2`. */
  baseUrl?: string;
  credentials: { apiKey: string };
}

/** Lists ask for 100 a page: V2 documents no maximum for shipments/labels and caps some lists at 100. */
export const V2_PAGE_SIZE = 100;

/**
 * The ShipStation V2 client (`API-Key` header, 200 requests/min, self-throttled by the budget). Same
 * anatomy as V1Client: budgeted transport, zod-validated bodies, one classifier, one retry decision.
 */
export class V2Client extends ClientCore {
  constructor(options: V2ClientOptions) {
    const { apiKey } = options.credentials;
    const clock = options.clock ?? systemClock;
    super(options, {
      system: 'shipstation-v2',
      baseUrl: (options.baseUrl ?? DEFAULT_V2_BASE_URL).replace(/\/+$/, ''),
      authHeaders: () => ({ 'api-key': apiKey }),
      secrets: () => [apiKey],
      classify: (exchange) => classifyV2Response(exchange, clock.now()),
      retryDelay: (error, attempt, idempotent) => decideV2Retry(error, attempt, idempotent),
      maxAttempts: V2_MAX_ATTEMPTS,
      pageSizeParam: 'page_size',
      maxPageSize: 500,
      defaultPageSize: V2_PAGE_SIZE,
    });
  }

  // ---- shipments ----------------------------------------------------------------------------------

  /**
   * Creates shipments in batches of 100 with one result per input. NOT retried after a lost answer: a
   * retry could meet "duplicate external_shipment_id"; such items come back `duplicate: true` and the
   * engine re-links them with getShipmentByExternalId.
   */
  createShipments(shipments: readonly V2ShipmentInput[], options: CallOptions = {}): Promise<V2CreateShipmentResult[]> {
    return createShipmentsInBatches(shipments, (batch) =>
      this.send({
        method: 'POST',
        url: this.url('/shipments'),
        body: { shipments: batch },
        idempotent: false,
        ...prio(options, 'write'),
      }),
    );
  }

  getShipment(shipmentId: string, options: CallOptions = {}): Promise<V2Shipment> {
    return this.json('GET', `/shipments/${enc(shipmentId)}`, v2ShipmentSchema, {}, options);
  }

  /** null when no shipment has this external id. */
  async getShipmentByExternalId(externalId: string, options: CallOptions = {}): Promise<V2Shipment | null> {
    try {
      return await this.json(
        'GET',
        `/shipments/external_shipment_id/${enc(externalId)}`,
        v2ShipmentSchema,
        {},
        options,
      );
    } catch (error) {
      if (error instanceof ConnectorError && error.code === 'not_found') return null;
      throw error;
    }
  }

  /** PUT (idempotent); refused once a label is bought or the shipment is cancelled. */
  updateShipment(shipmentId: string, update: V2ShipmentUpdate, options: CallOptions = {}): Promise<V2Shipment> {
    const call = { body: update, idempotent: true };
    return this.json('PUT', `/shipments/${enc(shipmentId)}`, v2ShipmentSchema, call, options, 'write');
  }

  async cancelShipment(shipmentId: string, options: CallOptions = {}): Promise<void> {
    await this.bare('PUT', `/shipments/${enc(shipmentId)}/cancel`, undefined, true, options);
  }

  listShipments(filters: V2ShipmentFilters = {}, page: PageOptions = {}, options: CallOptions = {}) {
    return this.paged('/shipments', 'shipments', v2ShipmentSchema, shipmentQuery(filters), page, options);
  }

  async addTag(shipmentId: string, tag: string, options: CallOptions = {}): Promise<void> {
    await this.bare('POST', `/shipments/${enc(shipmentId)}/tags/${enc(tag)}`, undefined, true, options);
  }

  async removeTag(shipmentId: string, tag: string, options: CallOptions = {}): Promise<void> {
    await this.bare('DELETE', `/shipments/${enc(shipmentId)}/tags/${enc(tag)}`, undefined, true, options);
  }

  // ---- labels, fulfillments -----------------------------------------------------------------------

  listLabels(filters: V2LabelFilters = {}, page: PageOptions = {}, options: CallOptions = {}) {
    return this.paged('/labels', 'labels', v2LabelSchema, labelQuery(filters), page, options);
  }

  getLabel(labelId: string, options: CallOptions = {}): Promise<V2Label> {
    return this.json('GET', `/labels/${enc(labelId)}`, v2LabelSchema, {}, options);
  }

  /** Buys a label for a shipment (tests and the demo); not retried on a lost answer. */
  createLabelFromShipment(shipmentId: string, body: Record<string, unknown> = {}, options: CallOptions = {}) {
    const call = { body, timeoutMs: this.labelTimeoutMs };
    return this.json('POST', `/labels/shipment/${enc(shipmentId)}`, v2LabelSchema, call, options, 'write');
  }

  voidLabel(labelId: string, options: CallOptions = {}): Promise<V2VoidResult> {
    return this.json('PUT', `/labels/${enc(labelId)}/void`, v2VoidResultSchema, {}, options, 'write');
  }

  listFulfillments(filters: V2FulfillmentFilters = {}, page: PageOptions = {}, options: CallOptions = {}) {
    return this.paged('/fulfillments', 'fulfillments', v2FulfillmentSchema, fulfillmentQuery(filters), page, options);
  }

  /** Marks shipments shipped with outside tracking; per-item `error_message`. Not idempotent. */
  createFulfillments(fulfillments: readonly V2FulfillmentInput[], options: CallOptions = {}) {
    const call = { body: { fulfillments } };
    return this.json('POST', '/fulfillments', v2CreateFulfillmentsResultSchema, call, options, 'write');
  }

  // ---- reference data, inventory ------------------------------------------------------------------

  async listWarehouses(options: CallOptions = {}): Promise<V2Warehouse[]> {
    const schema = z.looseObject({ warehouses: z.array(v2WarehouseSchema) });
    return (await this.json('GET', '/warehouses', schema, {}, options)).warehouses;
  }

  /** Carriers with their services (a 207 partial answer still lists the carriers it could). */
  async listCarriers(options: CallOptions = {}): Promise<V2Carrier[]> {
    const schema = z.looseObject({ carriers: z.array(v2CarrierSchema) });
    return (await this.json('GET', '/carriers', schema, {}, options)).carriers;
  }

  getInventory(filters: V2InventoryFilters = {}, page: PageOptions = {}, options: CallOptions = {}) {
    return this.paged('/inventory', 'inventory', v2InventorySchema, inventoryQuery(filters), page, options);
  }

  /**
   * One page of an inventory list as sent, with the query of `links.next.href` when the answer has one (the
   * guarded reader in v2-inventory-reader.ts pages with it; the href's origin and path are not followed).
   */
  async inventoryListPage<T extends z.ZodType>(
    path: '/inventory' | '/inventory_locations' | '/inventory_warehouses',
    key: string,
    item: T,
    query: Record<string, string | undefined>,
    options: CallOptions = {},
  ): Promise<InventoryListPage<z.infer<T>>> {
    const schema = inventoryListPageSchema(key, item);
    const body = (await this.json('GET', path, schema, { query }, options)) as Record<string, unknown>;
    return toInventoryListPage(body, key, this.baseUrl);
  }

  /** One transaction (204). Not idempotent: `increment` twice is twice the stock. */
  async postInventory(transaction: V2InventoryTransaction, options: CallOptions = {}): Promise<void> {
    await this.bare('POST', '/inventory', transaction, false, options);
  }

  listInventoryWarehouses(page: PageOptions = {}, options: CallOptions = {}) {
    const item = v2InventoryWarehouseSchema;
    return this.paged('/inventory_warehouses', 'inventory_warehouses', item, {}, page, options);
  }

  listInventoryLocations(
    filters: { inventory_warehouse_id?: string } = {},
    page: PageOptions = {},
    options: CallOptions = {},
  ) {
    const item = v2InventoryLocationSchema;
    return this.paged('/inventory_locations', 'inventory_locations', item, { ...filters }, page, options);
  }

  createInventoryWarehouse(name: string, options: CallOptions = {}): Promise<V2InventoryWarehouse> {
    return this.json('POST', '/inventory_warehouses', v2InventoryWarehouseSchema, { body: { name } }, options, 'write');
  }

  createInventoryLocation(input: { name: string; inventory_warehouse_id: string }, options: CallOptions = {}) {
    const call = { body: input };
    return this.json('POST', '/inventory_locations', v2InventoryLocationSchema, call, options, 'write');
  }

  // ---- webhooks -----------------------------------------------------------------------------------

  /** `GET /v2/environment/webhooks` is a bare array (sheet §8.12). */
  listWebhooks(options: CallOptions = {}): Promise<V2Webhook[]> {
    return this.json('GET', '/environment/webhooks', z.array(v2WebhookSchema), {}, options);
  }

  /** A 409 (another app holds this event; one URL per event per account) throws `webhook_event_taken`. */
  createWebhook(
    input: {
      event: V2WebhookEvent;
      url: string;
      name?: string;
      storeId?: number;
      headers?: { key: string; value: string }[];
    },
    options: CallOptions = {},
  ): Promise<V2Webhook> {
    const body = {
      event: input.event,
      url: input.url,
      name: input.name ?? `ml-connector ${input.event}`,
      ...(input.storeId === undefined ? {} : { store_id: input.storeId }),
      ...(input.headers ? { headers: input.headers } : {}),
    };
    return this.json('POST', '/environment/webhooks', v2WebhookSchema, { body }, options, 'write');
  }

  async deleteWebhook(webhookId: string, options: CallOptions = {}): Promise<void> {
    await this.bare('DELETE', `/environment/webhooks/${enc(webhookId)}`, undefined, true, options);
  }

  /**
   * Fetches a webhook's `resource_url` with the API key — only after the allow-list accepts it (else a
   * permanent `resource_url_refused`, before any request) — following `page` until the last.
   */
  async fetchResource(resourceUrl: string, options: CallOptions = {}): Promise<V2Resource> {
    const start = assertAllowedResourceUrl(resourceUrl, this.baseUrl, 'shipstation-v2');
    const out: V2Resource = { shipments: [], labels: [], fulfillments: [], other: undefined };
    await this.eachResourcePage(start, v2ResourcePageSchema, options, (body) => addResourcePage(out, body));
    return out;
  }
}

const enc = encodeURIComponent;
