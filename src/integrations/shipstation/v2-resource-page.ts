import { z } from 'zod';
import { v2FulfillmentSchema, v2LabelSchema, v2ShipmentSchema } from './v2-schemas.js';
import type { V2Resource } from './v2-types.js';

/** One page of a webhook's `resource_url`: shipments, labels or fulfillments, with `pages` when it pages. */
export const v2ResourcePageSchema = z.looseObject({
  shipments: z.array(v2ShipmentSchema).optional(),
  labels: z.array(v2LabelSchema).optional(),
  fulfillments: z.array(v2FulfillmentSchema).optional(),
  pages: z.number().optional(),
});

/**
 * Adds one page to `out` and returns how many records it held; an answer with none of the three lists is kept
 * whole in `out.other` and ends the paging (undefined).
 */
export function addResourcePage(out: V2Resource, body: z.infer<typeof v2ResourcePageSchema>): number | undefined {
  const list = body.shipments ?? body.labels ?? body.fulfillments;
  if (!list) {
    out.other = body;
    return undefined;
  }
  out.shipments.push(...(body.shipments ?? []));
  out.labels.push(...(body.labels ?? []));
  out.fulfillments.push(...(body.fulfillments ?? []));
  return list.length;
}
