import type { App } from '../app.js';
import type { DemoActivity } from './activity.js';

/** The demo's live one-line summary: what was entered, sent, shipped and written back, and what waits. */
export async function demoSummary(app: App, connectionId: number, activity: DemoActivity): Promise<string> {
  const c = await app.store.records.countByState(connectionId);
  const n = (k: string) => c[k] ?? 0;
  const sent = n('sent') + n('on_hold') + n('shipped') + n('partially_shipped') + n('written_back');
  return [
    `entered in Sage: ${activity.entered}`,
    `sent to ShipStation: ${sent}`,
    `shipped there: ${activity.labelled + activity.markedShipped}`,
    `written back to Sage: ${n('written_back') + n('partially_shipped')}`,
    `skipped: ${n('skipped')}`,
    `need attention: ${n('held') + n('failed') + n('conflict')}`,
  ].join(' | ');
}
