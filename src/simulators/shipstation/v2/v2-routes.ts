import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim-context.js';
import { registerV2InventoryPlaceRoutes } from './v2-inventory-place-routes.js';
import { registerV2InventoryRoutes } from './v2-inventory-routes.js';
import { registerV2LabelRoutes } from './v2-label-routes.js';
import { registerV2ReferenceRoutes } from './v2-reference-routes.js';
import { registerV2ShipmentRoutes } from './v2-shipment-routes.js';
import { registerV2WebhookRoutes } from './v2-webhook-routes.js';

/** Everything under `/v2`: one account with V1, as on the real service. */
export function registerV2Routes(app: FastifyInstance, ctx: SimContext): void {
  registerV2ShipmentRoutes(app, ctx);
  registerV2LabelRoutes(app, ctx);
  registerV2ReferenceRoutes(app, ctx);
  registerV2InventoryRoutes(app, ctx);
  registerV2InventoryPlaceRoutes(app, ctx);
  registerV2WebhookRoutes(app, ctx);
}
