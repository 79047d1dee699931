import type { App } from '../../../app.js';
import { attentionAll } from './attention.js';
import { type ConnectionHealth, connectionHealth } from './connection-health.js';

export interface HomeData {
  rows: ConnectionHealth[];
  attention: number;
  counts: Record<string, number>;
}

/** What the home page's live part shows: every connection's health, the attention total, orders by state. */
export async function homeData(app: App, started: number): Promise<HomeData> {
  const rows: ConnectionHealth[] = [];
  for (const c of await app.store.connections.list()) rows.push(await connectionHealth(app, c, started));
  return {
    rows,
    attention: (await attentionAll(app, started)).length,
    counts: await app.store.records.countByState(),
  };
}
