import { ConnectorError } from '../../domain/errors.js';
import type { HttpResponse } from '../http-request.js';
import { parseBody } from './api-transport.js';
import { v2CreateShipmentsResultSchema } from './v2-schemas.js';
import type { V2CreateShipmentResult, V2ShipmentInput } from './v2-types.js';

/**
 * Our batch size for `POST /v2/shipments`: V2 documents no maximum (sheet §3.6, §9); 100 matches V1's
 * createorders and keeps one failed call's blast radius small. A bulk call counts as one request.
 */
export const V2_CREATE_SHIPMENTS_BATCH = 100;

// How a duplicate external_shipment_id is told apart: V2 documents no code for it (sheet §3.7, §9), so
// the item's error text or code is read; `identifier_conflict` is the enum value that fits.
const DUPLICATE = /external_shipment_id|external shipment id/i;
const DUPLICATE_WORDS = /already|duplicate|exists|unique|in use|taken/i;

/**
 * Sends the batches one after another and returns one result per input, in input order. A batch whose
 * call fails gives each of its items `ok: false` with the error (a lost answer leaves their outcome
 * unknown: the engine re-links them by external id); after a retryable failure the remaining batches
 * are not sent and carry the same error.
 */
export async function createShipmentsInBatches(
  shipments: readonly V2ShipmentInput[],
  post: (batch: readonly V2ShipmentInput[]) => Promise<HttpResponse>,
): Promise<V2CreateShipmentResult[]> {
  const results: V2CreateShipmentResult[] = [];
  let stop: ConnectorError | undefined;
  for (let i = 0; i < shipments.length; i += V2_CREATE_SHIPMENTS_BATCH) {
    const batch = shipments.slice(i, i + V2_CREATE_SHIPMENTS_BATCH);
    if (stop) {
      results.push(...batch.map((s) => callFailed(s, stop!)));
      continue;
    }
    try {
      const response = await post(batch);
      const body = parseBody(response, v2CreateShipmentsResultSchema, 'shipstation-v2', 'POST /v2/shipments');
      results.push(...batch.map((input, n) => itemResult(input, body.shipments, n)));
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      results.push(...batch.map((s) => callFailed(s, error, batch.length === 1)));
      if (error.retryable || error.code === 'unauthorized' || error.code === 'forbidden') stop = error;
    }
  }
  return results;
}

type Created = import('zod').infer<typeof v2CreateShipmentsResultSchema>['shipments'][number];

function itemResult(input: V2ShipmentInput, answers: readonly Created[], index: number): V2CreateShipmentResult {
  const externalShipmentId = input.external_shipment_id;
  // By position when the answer has one item per input (the same external id may appear twice in a batch:
  // the second is the duplicate), else by the echoed external id.
  const answer =
    answers.length > index && (answers[index]!.external_shipment_id ?? externalShipmentId) === externalShipmentId
      ? answers[index]
      : answers.find((a) => a.external_shipment_id === externalShipmentId);
  if (!answer) {
    return {
      ok: false,
      externalShipmentId,
      duplicate: false,
      errors: ['ShipStation returned no result for this shipment'],
    };
  }
  const errors = (answer.errors ?? []).map((e) => (typeof e === 'string' ? e : (e.message ?? e.error_code ?? 'error')));
  const codes = (answer.errors ?? []).flatMap((e) => (typeof e === 'string' ? [] : [e.error_code ?? '']));
  if (errors.length > 0 || !answer.shipment_id) {
    const duplicate = errors.some(isDuplicateText) || codes.includes('identifier_conflict');
    return {
      ok: false,
      externalShipmentId,
      duplicate,
      errors: errors.length > 0 ? errors : ['No shipment id returned'],
    };
  }
  return { ok: true, externalShipmentId, shipmentId: answer.shipment_id, shipment: answer };
}

function callFailed(input: V2ShipmentInput, error: ConnectorError, single = false): V2CreateShipmentResult {
  // A one-item batch refused as a whole may be refused for this item's duplicate id.
  const duplicate = single && error.code === 'validation_failed' && isDuplicateText(error.message);
  return { ok: false, externalShipmentId: input.external_shipment_id, duplicate, errors: [error.message], error };
}

function isDuplicateText(text: string): boolean {
  return DUPLICATE.test(text) && DUPLICATE_WORDS.test(text);
}
