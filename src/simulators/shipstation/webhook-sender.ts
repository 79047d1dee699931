import type { Clock } from '../../domain/clock.js';
import type { FaultController } from './faults.js';
import type { WebhookRecord } from './records.js';
import type { WebhookSigner } from './webhook-signer.js';

export interface DeliveryAttempt {
  at: number;
  /** HTTP status of the target's answer, null when it never answered (refused, timed out). */
  status: number | null;
  error: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dropped' | 'foreign';

export interface DeliveryRecord {
  id: number;
  api: 'v1' | 'v2';
  webhookId: number;
  event: string;
  url: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  createdAt: number;
  deliveredAt: number | null;
  /** Set on the extra copy made by the duplicate fault. */
  duplicateOf: number | null;
}

const MAX_LOG = 10_000;

export interface WebhookSenderOptions {
  clock: Clock;
  signer: WebhookSigner;
  faults: FaultController;
  delayMs: number;
  /** Waits between attempts; one retry per entry. Default [1s, 2s, 4s, 8s, 16s]: six attempts in ~31 s. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

/**
 * Delivers webhook payloads after the configured delay and retries failures with backoff (neither API documents
 * a schedule: this one is recorded in the fidelity doc). Every delivery and attempt is kept in a log the admin
 * API shows, so tests wait for "delivered" instead of sleeping. V2 bodies are signed at each attempt with a
 * fresh timestamp, as a receiver checking the 5-minute tolerance expects.
 */
export class WebhookSender {
  private readonly log: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Aborts the requests being sent when the simulator stops. */
  private readonly stopping = new AbortController();
  /**
   * One wake-up per delivery waiting out its delay or backoff. Each wait has its own signal rather than all
   * of them listening on `stopping`: hundreds of deliveries can wait at once (a burst of labels), and one
   * signal with that many listeners is a leak warning for every user of the simulator.
   */
  private readonly waits = new Set<AbortController>();
  private nextId = 1;

  constructor(private readonly options: WebhookSenderOptions) {}

  enqueue(api: 'v1' | 'v2', webhook: WebhookRecord, payload: Record<string, unknown>): DeliveryRecord {
    const record = this.record(api, webhook, payload, null);
    if (record.status === 'pending' && this.options.faults.random.chance(this.faults().duplicateRate)) {
      this.record(api, webhook, payload, record.id);
    }
    return record;
  }

  deliveries(): DeliveryRecord[] {
    return structuredClone(this.log);
  }

  /** Resolves once nothing is waiting or being sent (new deliveries queued meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.stopping.abort(new Error('simulator stopping'));
    for (const wait of this.waits) wait.abort();
    await this.idle();
  }

  /** Sleeps `ms`, or less if the sender stops meanwhile. */
  private async pause(ms: number): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const wake = new AbortController();
    this.waits.add(wake);
    try {
      await this.options.clock.sleep(ms, wake.signal);
    } catch {
      // Woken by stop(): the caller sees `stopping` aborted and returns.
    } finally {
      this.waits.delete(wake);
    }
  }

  private faults() {
    return this.options.faults.webhookFaults();
  }

  private record(
    api: 'v1' | 'v2',
    webhook: WebhookRecord,
    payload: Record<string, unknown>,
    duplicateOf: number | null,
  ): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.nextId++,
      api,
      webhookId: webhook.id,
      event: webhook.event,
      url: webhook.url,
      payload,
      status: 'pending',
      attempts: [],
      createdAt: this.options.clock.now(),
      deliveredAt: null,
      duplicateOf,
    };
    this.log.push(record);
    // A long demo run must not grow without bound: the oldest finished deliveries go first.
    if (this.log.length > MAX_LOG) {
      const drop = this.log.findIndex((d) => d.status !== 'pending');
      if (drop >= 0) this.log.splice(drop, 1);
    }
    // Another app's subscription (made through the admin API) is listed but its traffic is not ours to send.
    if (webhook.owner !== 'connector') record.status = 'foreign';
    else if (duplicateOf === null && this.options.faults.random.chance(this.faults().dropRate))
      record.status = 'dropped';
    else {
      const run = this.run(record, webhook).catch(() => undefined);
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }
    return record;
  }

  private async run(record: DeliveryRecord, webhook: WebhookRecord): Promise<void> {
    const { clock, delayMs, retryDelaysMs } = this.options;
    const faults = this.faults();
    const reorder = faults.reorderWindowMs > 0 ? this.options.faults.random.next() * faults.reorderWindowMs : 0;
    const wait = delayMs + faults.extraDelayMs + reorder;
    const signal = this.stopping.signal;
    if (wait > 0) await this.pause(wait);
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) return;
      const ok = await this.attempt(record, webhook);
      if (ok) {
        record.status = 'delivered';
        record.deliveredAt = clock.now();
        return;
      }
      const pause = retryDelaysMs[attempt];
      if (pause === undefined) {
        record.status = 'failed';
        return;
      }
      await this.pause(pause);
    }
  }

  private async attempt(record: DeliveryRecord, webhook: WebhookRecord): Promise<boolean> {
    const body = JSON.stringify(record.payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'ShipStation-Simulator (ml-connector)',
    };
    if (record.api === 'v2') {
      for (const h of webhook.headers) headers[h.key] = h.value;
      Object.assign(headers, this.options.signer.sign(new Date(this.options.clock.now()).toISOString(), body));
    }
    const at = this.options.clock.now();
    try {
      const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.timeoutMs)]);
      const response = await fetch(record.url, { method: 'POST', headers, body, signal });
      await response.arrayBuffer().catch(() => undefined);
      record.attempts.push({ at, status: response.status, error: null });
      return response.status >= 200 && response.status < 300;
    } catch (error) {
      record.attempts.push({ at, status: null, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }
}
