import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import { type PingStatus, worstStatus } from '../../../domain/ping.js';
import type { FlowState } from '../../../store/flows-repo.js';
import { type LastPing, lastPing } from './last-ping.js';

export type Health = 'ok' | 'warn' | 'fail' | 'unknown';

export interface ConnectionHealth {
  connection: Connection;
  health: Health;
  /** Plain-words reasons behind a verdict other than ok. */
  notes: string[];
  sage300: boolean;
  shipstation: { v1: boolean; v2: boolean };
  unreadable: string[];
  ping: LastPing | undefined;
  pingVerdict: { sage300: PingStatus; shipstation: PingStatus } | undefined;
  flows: FlowState[];
}

/** The home page's line per connection: credentials, last ping verdict, flows' state. */
export async function connectionHealth(app: App, connection: Connection, started: number): Promise<ConnectionHealth> {
  const creds = await app.store.connections.credentialStatus(connection.id);
  const has = (kind: string) => creds.some((c) => c.kind === kind);
  const unreadable = creds.filter((c) => !c.readable).map((c) => c.kind);
  const ping = await lastPing(app.store, connection.id);
  const flows = await app.store.flows.list(connection.id);
  const notes: string[] = [];
  const sage300 = !!connection.sage300 && has('sage300.user');
  const v1 = has('shipstation.v1.key');
  const v2 = has('shipstation.v2.key');
  if (!sage300) notes.push('Sage 300 credentials are missing.');
  if (!v1 && !v2) notes.push('ShipStation keys are missing.');
  if (unreadable.length > 0)
    notes.push(
      `${unreadable.length} stored credential(s) cannot be read with this installation's keys: enter them again.`,
    );
  const pingVerdict = ping
    ? { sage300: worstStatus(ping.sage300), shipstation: worstStatus(ping.shipstation) }
    : undefined;
  if (pingVerdict && (pingVerdict.sage300 === 'fail' || pingVerdict.shipstation === 'fail'))
    notes.push('The last ping found a problem.');
  const staleMs = app.config.STALE_AFTER_MINUTES * 60_000;
  const now = app.clock.now();
  for (const f of flows) {
    if (f.paused) notes.push(`The ${f.flow} flow is paused.`);
    else if (f.lastStatus === 'failed') notes.push(`The last ${f.flow} run failed.`);
    else if (now - (f.lastSuccessAt ? Date.parse(f.lastSuccessAt) : started) > staleMs)
      notes.push(`The ${f.flow} flow has not succeeded for over ${app.config.STALE_AFTER_MINUTES} minutes.`);
  }
  const failing = !sage300 || (!v1 && !v2) || unreadable.length > 0 || notes.some((n) => n.startsWith('The last ping'));
  const health: Health = failing
    ? 'fail'
    : notes.length > 0
      ? 'warn'
      : ping
        ? 'ok'
        : flows.length > 0
          ? 'ok'
          : 'unknown';
  return {
    connection,
    health,
    notes,
    sage300,
    shipstation: { v1, v2 },
    unreadable,
    ping,
    pingVerdict,
    flows,
  };
}
