import type { ConnectionPing } from '../../../connections/ping-connection.js';
import { scrubDeep } from '../../../observability/scrub.js';
import type { Store } from '../../../store/store.js';

export interface LastPing extends ConnectionPing {
  at: string;
}

const key = (connectionId: number) => `dashboard.ping.${connectionId}`;

/** The last Ping result of a connection (the home page shows its verdict). Ping details carry no secret. */
export async function saveLastPing(
  store: Store,
  connectionId: number,
  ping: ConnectionPing,
  at: number,
): Promise<void> {
  await store.kv.set(key(connectionId), JSON.stringify(scrubDeep({ ...ping, at: new Date(at).toISOString() })));
}

export async function lastPing(store: Store, connectionId: number): Promise<LastPing | undefined> {
  const raw = await store.kv.get(key(connectionId));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as LastPing;
  } catch {
    return undefined;
  }
}
