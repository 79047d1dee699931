import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/manual-clock.js';
import { changeOrderState, setOrderState, writeOrderRecord } from '../../src/engine/records/order-record.js';
import type { RecordScope } from '../../src/engine/records/record-scope.js';
import type { Store } from '../../src/store/store.js';
import { DATABASE_KINDS, postgresReachable } from '../helpers/databases.js';
import { openTestStore } from '../helpers/test-store.js';

const pgOk = await postgresReachable();

describe.each(DATABASE_KINDS)('order records and their trail on %s', (kind) => {
  const skip = kind === 'postgres' && !pgOk;
  let store: Store;
  let close: () => Promise<void>;
  let run: RecordScope;
  let n = 0;
  const clock = new ManualClock();
  // Each test its own order, so the tests do not depend on each other's writes.
  const nextOrder = () => {
    n++;
    return { uniquifier: String(100 + n), orderNumber: `ORD${n}` };
  };
  const events = async (uniquifier: string) =>
    (await store.audit.forRecord(1, 'order', uniquifier)).map((e) => ({
      event: e.event,
      message: e.message,
      data: e.data,
    }));

  beforeAll(async () => {
    if (skip) return;
    ({ store, close } = await openTestStore(kind, clock));
    run = { connection: { id: 1 }, store };
  });
  afterAll(async () => {
    if (skip) return;
    await close();
  });

  it.skipIf(skip)('a write keeps the typed data of earlier writes and adds its own', async () => {
    const o = nextOrder();
    await writeOrderRecord(run, o, {
      state: 'failed',
      reason: 'r',
      attempt: true,
      data: { failedHash: 'f1', retryable: false },
    });
    await writeOrderRecord(run, o, {
      state: 'sent',
      ssNumber: 'ORD1',
      data: { orderDate: '2026-03-02', lastPushHash: 'p' },
    });
    const r = await store.records.get(1, 'order', o.uniquifier);
    expect(r).toMatchObject({ display: o.orderNumber, state: 'sent', reason: null, attempts: 0, ssNumber: 'ORD1' });
    expect(r?.data).toStrictEqual({ failedHash: 'f1', retryable: false, orderDate: '2026-03-02', lastPushHash: 'p' });
  });

  it.skipIf(skip)('a state change is audited once, not again while state and reason stay the same', async () => {
    const o = nextOrder();
    const held = { event: 'held', message: 'No address.', data: { problems: ['address'] } };
    await changeOrderState(run, o, { state: 'held', reason: 'no address' }, undefined, held);
    await changeOrderState(run, o, { state: 'held', reason: 'no address' }, undefined, held);
    // The caller's copy of the record saves the read, and decides as the stored one would.
    const prior = await store.records.get(1, 'order', o.uniquifier);
    await changeOrderState(run, o, { state: 'held', reason: 'no address' }, prior, held);
    await changeOrderState(run, o, { state: 'held', reason: 'no ship-via' }, undefined, {
      event: 'held',
      message: 'No ship-via.',
    });
    expect(await events(o.uniquifier)).toEqual([
      { event: 'held', message: 'No address.', data: { problems: ['address'] } },
      { event: 'held', message: 'No ship-via.', data: null },
    ]);
    expect(await store.records.get(1, 'order', o.uniquifier)).toMatchObject({ state: 'held', reason: 'no ship-via' });
  });

  it.skipIf(skip)('the shipments flow accumulates tracking and Sage shipment numbers on the record', async () => {
    const o = nextOrder();
    await setOrderState(run, o, 'partially_shipped', null, { trackingNumbers: ['1Z1'], sageShipment: 'SH1' });
    await setOrderState(run, o, 'partially_shipped', null, { trackingNumbers: ['1Z1', '1Z2'] });
    await setOrderState(run, o, 'written_back', null, { sageShipment: 'SH2' });
    const r = await store.records.get(1, 'order', o.uniquifier);
    expect(r?.state).toBe('written_back');
    expect(r?.data).toStrictEqual({ trackingNumbers: ['1Z1', '1Z2'], sageShipments: ['SH1', 'SH2'] });
  });
});
