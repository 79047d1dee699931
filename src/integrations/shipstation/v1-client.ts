import { z } from 'zod';
import { ConnectorError } from '../../domain/errors.js';
import type { CallOptions } from './api-transport.js';
import { type ClientCommonOptions, ClientCore } from './client-core.js';
import type { PagedList, PageOptions } from './paged-list.js';
import { assertAllowedResourceUrl, DEFAULT_V1_BASE_URL } from './resource-url.js';
import { createOrdersInBatches } from './v1-create-orders.js';
import { classifyV1Response } from './v1-errors.js';
import { findOrdersByKeys, type OrderKeyLookup, type OrderKeySearchOptions } from './v1-find-orders.js';
import { fulfillmentQuery, orderQuery, productQuery, shipmentQuery } from './v1-query.js';
import { decideV1Retry, V1_MAX_ATTEMPTS } from './v1-retry.js';
import {
  type V1Carrier,
  type V1CarrierPackage,
  type V1CarrierService,
  type V1Fulfillment,
  type V1LabelResult,
  type V1Order,
  type V1Product,
  type V1Shipment,
  type V1Store,
  type V1Tag,
  type V1Warehouse,
  type V1Webhook,
  v1CarrierSchema,
  v1CarrierServiceSchema,
  v1CreateOrdersResultSchema,
  v1FulfillmentSchema,
  v1LabelResultSchema,
  v1MarkShippedResultSchema,
  v1OrderSchema,
  v1ProductSchema,
  v1ShipmentSchema,
  v1StoreSchema,
  v1SubscribeResultSchema,
  v1SuccessSchema,
  v1TagSchema,
  v1VoidResultSchema,
  v1WarehouseSchema,
  v1WebhookListSchema,
} from './v1-schemas.js';
import type {
  V1CreateLabelInput,
  V1CreateOrderResult,
  V1FulfillmentFilters,
  V1MarkShippedInput,
  V1OrderFilters,
  V1OrderInput,
  V1ProductFilters,
  V1ShipmentFilters,
  V1WebhookEvent,
} from './v1-types.js';

export interface V1Credentials {
  apiKey: string;
  apiSecret: string;
}

export interface V1ClientOptions extends ClientCommonOptions {
  /** An origin; default the real `https://ssapi.shipstation.com`. */
  baseUrl?: string;
  credentials: V1Credentials;
  /** Optional `x-partner` header some integrations send (sheet §1). */
  partnerKey?: string;
}

/** Records found by fetching a webhook's resource_url (whichever collection it points at). */
export interface V1Resource {
  orders: V1Order[];
  shipments: V1Shipment[];
  fulfillments: V1Fulfillment[];
}

/** The largest page V1 serves: fewer calls out of 40 a minute. */
export const V1_MAX_PAGE_SIZE = 500;

const resourceSchema = z.looseObject({
  orders: z.array(v1OrderSchema).optional(),
  shipments: z.array(v1ShipmentSchema).optional(),
  fulfillments: z.array(v1FulfillmentSchema).optional(),
  total: z.number().optional(),
  page: z.number().optional(),
  pages: z.number().optional(),
});

/**
 * The ShipStation V1 client (Basic key:secret, 40 requests/min per key pair). Every call goes through the
 * account's RateBudget with a priority; responses are zod-validated; failures are ConnectorErrors from
 * the one V1 classifier, retried per decideV1Retry. Credentials live only in a closure.
 */
export class V1Client extends ClientCore {
  constructor(options: V1ClientOptions) {
    const { apiKey, apiSecret } = options.credentials;
    const authorization = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
    const partner = options.partnerKey;
    super(options, {
      system: 'shipstation-v1',
      baseUrl: (options.baseUrl ?? DEFAULT_V1_BASE_URL).replace(/\/+$/, ''),
      authHeaders: () => ({ authorization, ...(partner ? { 'x-partner': partner } : {}) }),
      secrets: () => [apiKey, apiSecret, authorization, authorization.slice('Basic '.length)],
      classify: classifyV1Response,
      retryDelay: (error, attempt, idempotent) => decideV1Retry(error, attempt, idempotent),
      maxAttempts: V1_MAX_ATTEMPTS,
      pageSizeParam: 'pageSize',
      maxPageSize: V1_MAX_PAGE_SIZE,
      defaultPageSize: V1_MAX_PAGE_SIZE,
    });
  }

  // ---- orders -------------------------------------------------------------------------------------

  /** Upsert one order by orderKey (idempotent, so retried on 5xx/timeouts). */
  async createOrder(order: V1OrderInput, options: CallOptions = {}): Promise<V1Order> {
    return this.json('POST', '/orders/createorder', v1OrderSchema, { body: order, idempotent: true }, options, 'write');
  }

  /**
   * Upsert many orders, 100 per call, with one result per order in input order. A batch whose call fails
   * gives each of its orders `success: false` with the error; after a retryable failure (the budget or
   * the server is in trouble) the remaining batches are not sent and carry the same error.
   */
  async createOrders(orders: readonly V1OrderInput[], options: CallOptions = {}): Promise<V1CreateOrderResult[]> {
    return createOrdersInBatches(orders, (batch) =>
      this.json(
        'POST',
        '/orders/createorders',
        v1CreateOrdersResultSchema,
        { body: batch, idempotent: true },
        options,
        'write',
      ),
    );
  }

  getOrder(orderId: number, options: CallOptions = {}): Promise<V1Order> {
    return this.json('GET', `/orders/${orderId}`, v1OrderSchema, {}, options);
  }

  listOrders(filters: V1OrderFilters = {}, page: PageOptions = {}, options: CallOptions = {}): PagedList<V1Order> {
    return this.paged('/orders', 'orders', v1OrderSchema, orderQuery(filters), page, options);
  }

  /** Re-linking by orderKey (V1 has no orderKey filter): see v1-find-orders.ts. */
  findOrdersByKeys(
    wanted: readonly OrderKeyLookup[],
    search: OrderKeySearchOptions = {},
    options: CallOptions = {},
  ): Promise<Map<string, V1Order[]>> {
    return findOrdersByKeys((filters) => this.listOrders(filters, {}, options), wanted, search);
  }

  async holdUntil(orderId: number, holdUntilDate: string, options: CallOptions = {}): Promise<void> {
    await this.action('/orders/holduntil', { orderId, holdUntilDate }, true, options);
  }

  async restoreFromHold(orderId: number, options: CallOptions = {}): Promise<void> {
    await this.action('/orders/restorefromhold', { orderId }, true, options);
  }

  /** Soft delete ("set to inactive", sheet §6.6). */
  async deleteOrder(orderId: number, options: CallOptions = {}): Promise<void> {
    await this.json('DELETE', `/orders/${orderId}`, v1SuccessSchema, { idempotent: true }, options, 'write');
  }

  /** Makes a fulfillment (not a shipment) and fires no webhook; not retried on a lost answer. */
  markAsShipped(input: V1MarkShippedInput, options: CallOptions = {}): Promise<{ orderId: number }> {
    return this.json('POST', '/orders/markasshipped', v1MarkShippedResultSchema, { body: input }, options, 'write');
  }

  /** Buys a label (tests and the demo); not retried on a lost answer. */
  createLabelForOrder(input: V1CreateLabelInput, options: CallOptions = {}): Promise<V1LabelResult> {
    const call = { body: input, timeoutMs: this.labelTimeoutMs };
    return this.json('POST', '/orders/createlabelfororder', v1LabelResultSchema, call, options, 'write');
  }

  async voidLabel(shipmentId: number, options: CallOptions = {}): Promise<z.infer<typeof v1VoidResultSchema>> {
    return this.json('POST', '/shipments/voidlabel', v1VoidResultSchema, { body: { shipmentId } }, options, 'write');
  }

  // ---- shipments, fulfillments --------------------------------------------------------------------

  listShipments(filters: V1ShipmentFilters = {}, page: PageOptions = {}, options: CallOptions = {}) {
    return this.paged('/shipments', 'shipments', v1ShipmentSchema, shipmentQuery(filters), page, options);
  }

  listFulfillments(filters: V1FulfillmentFilters = {}, page: PageOptions = {}, options: CallOptions = {}) {
    return this.paged('/fulfillments', 'fulfillments', v1FulfillmentSchema, fulfillmentQuery(filters), page, options);
  }

  // ---- reference data -----------------------------------------------------------------------------

  listWarehouses(options: CallOptions = {}): Promise<V1Warehouse[]> {
    return this.json('GET', '/warehouses', z.array(v1WarehouseSchema), {}, options);
  }

  listStores(filters: { showInactive?: boolean } = {}, options: CallOptions = {}): Promise<V1Store[]> {
    const query = filters.showInactive === undefined ? {} : { showInactive: String(filters.showInactive) };
    return this.json('GET', '/stores', z.array(v1StoreSchema), { query }, options);
  }

  listCarriers(options: CallOptions = {}): Promise<V1Carrier[]> {
    return this.json('GET', '/carriers', z.array(v1CarrierSchema), {}, options);
  }

  listServices(carrierCode: string, options: CallOptions = {}): Promise<V1CarrierService[]> {
    const call = { query: { carrierCode } };
    return this.json('GET', '/carriers/listservices', z.array(v1CarrierServiceSchema), call, options);
  }

  listPackages(carrierCode: string, options: CallOptions = {}): Promise<V1CarrierPackage[]> {
    const call = { query: { carrierCode } };
    return this.json('GET', '/carriers/listpackages', z.array(v1CarrierServiceSchema), call, options);
  }

  listProducts(filters: V1ProductFilters = {}, page: PageOptions = {}, options: CallOptions = {}) {
    return this.paged('/products', 'products', v1ProductSchema, productQuery(filters), page, options);
  }

  getProduct(productId: number, options: CallOptions = {}): Promise<V1Product> {
    return this.json('GET', `/products/${productId}`, v1ProductSchema, {}, options);
  }

  /** Full replace (no partial updates, sheet §10): send the whole product as read, with your changes. */
  async updateProduct(product: V1Product, options: CallOptions = {}): Promise<void> {
    const call = { body: product, idempotent: true };
    await this.json('PUT', `/products/${product.productId}`, v1SuccessSchema, call, options, 'write');
  }

  listTags(options: CallOptions = {}): Promise<V1Tag[]> {
    return this.json('GET', '/accounts/listtags', z.array(v1TagSchema), {}, options);
  }

  // ---- webhooks -----------------------------------------------------------------------------------

  async subscribeWebhook(
    input: { targetUrl: string; event: V1WebhookEvent; storeId?: number | null; friendlyName?: string },
    options: CallOptions = {},
  ): Promise<number> {
    const body = {
      target_url: input.targetUrl,
      event: input.event,
      store_id: input.storeId ?? null,
      friendly_name: input.friendlyName ?? null,
    };
    const answer = await this.json('POST', '/webhooks/subscribe', v1SubscribeResultSchema, { body }, options, 'write');
    return answer.id;
  }

  async listWebhooks(options: CallOptions = {}): Promise<V1Webhook[]> {
    return (await this.json('GET', '/webhooks', v1WebhookListSchema, {}, options)).webhooks;
  }

  /** `DELETE /webhooks/{id}` answers 200 with no content (sheet §9.1). */
  async unsubscribeWebhook(webhookId: number, options: CallOptions = {}): Promise<void> {
    await this.bare('DELETE', `/webhooks/${webhookId}`, undefined, true, options);
  }

  /**
   * Fetches a webhook's `resource_url` with the account's credentials — only after the allow-list accepts
   * it (else a permanent `resource_url_refused`, before any request). Follows every page of the list.
   * Ranked with writes by default: it feeds a write-back that is waiting.
   */
  async fetchResource(resourceUrl: string, options: CallOptions = {}): Promise<V1Resource> {
    const start = assertAllowedResourceUrl(resourceUrl, this.baseUrl, 'shipstation-v1');
    const out: V1Resource = { orders: [], shipments: [], fulfillments: [] };
    await this.eachResourcePage(start, resourceSchema, options, (body) => {
      out.orders.push(...(body.orders ?? []));
      out.shipments.push(...(body.shipments ?? []));
      out.fulfillments.push(...(body.fulfillments ?? []));
      return (body.orders ?? body.shipments ?? body.fulfillments ?? []).length;
    });
    return out;
  }

  // ---- plumbing -----------------------------------------------------------------------------------

  /** `{success, message}` actions: a `success: false` answer is a refusal too. */
  private async action(path: string, body: unknown, idempotent: boolean, options: CallOptions): Promise<void> {
    const answer = await this.json('POST', path, v1SuccessSchema, { body, idempotent }, options, 'write');
    if (!answer.success) {
      throw new ConnectorError('request_rejected', `ShipStation V1 refused POST ${path}: ${answer.message ?? ''}`, {
        context: { system: 'shipstation-v1', method: 'POST', path },
      });
    }
  }
}
