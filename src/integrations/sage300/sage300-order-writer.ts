import type { SageOrder } from '../../domain/sage.js';
import type { SageWriteBack } from '../../domain/sage-write-back.js';
import type { PatchOutcome, SageOrderWriter } from '../../engine/shipments/ports.js';
import type { Sage300Client } from './client.js';
import { Sage300ApiError } from './errors.js';
import { writeBackBody, writeBackOfBody } from './write-back-body.js';

/** The order reads the writer needs (Sage300OrderSource provides them, with its `$select`). */
export interface OrderReader {
  getOrder(uniquifier: string): Promise<SageOrder | null>;
  requestCount(): number;
}

/**
 * The shipments flow's Sage side: reads an order, and PATCHes it once. The PATCH is never retried here (it
 * ships quantity); its outcome is sorted into what the flow must know:
 * - 2xx → applied;
 * - 405 MethodNotAllowed → this Sage does not accept order updates (2022 and earlier: sheet §5.3);
 * - another 4xx, or TooManyRequests (the IIS pool turned it away before any work) → refused, nothing written;
 * - anything else (timeout, reset, other 5xx) is thrown: the write may or may not have happened, and the
 *   flow decides by reading the order back.
 */
export class Sage300OrderWriter implements SageOrderWriter {
  readonly company: string;

  constructor(
    private readonly client: Sage300Client,
    private readonly reader: OrderReader,
  ) {
    this.company = client.company.toUpperCase();
  }

  getOrder(uniquifier: string): Promise<SageOrder | null> {
    return this.reader.getOrder(uniquifier);
  }

  async patchOrder(uniquifier: string, write: SageWriteBack): Promise<PatchOutcome> {
    try {
      await this.client.patch('OE', 'OEOrders', Number(uniquifier), writeBackBody(write));
      return { kind: 'applied' };
    } catch (error) {
      if (!(error instanceof Sage300ApiError)) throw error;
      if (error.status === 405) return { kind: 'not_allowed', message: error.message };
      const turnedAway = error.sageCode === 'TooManyRequests' || error.status === 429;
      if (turnedAway || (error.status >= 400 && error.status < 500 && error.status !== 408)) {
        return { kind: 'refused', code: error.sageCode ?? `http_${error.status}`, message: error.message };
      }
      throw error;
    }
  }

  requestBody(write: SageWriteBack): Record<string, unknown> {
    return writeBackBody(write);
  }

  writeOfRequest(body: unknown): SageWriteBack {
    return writeBackOfBody(body);
  }

  requestCount(): number {
    return this.client.stats.requests;
  }
}
