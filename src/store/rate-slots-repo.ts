import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { RateSlotAccount, RateSlotGrant, RateSlotRequest, RateSlotStore } from '../domain/rate-slots.js';
import type { Database } from './schema.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The shared request budget of an account (issue 15 point 1): a sliding window counted in rows. A grant is
 * one short transaction whose first statement writes the account's row, so on PostgreSQL its row lock and on
 * SQLite the file's write lock serialise the grants of every worker: two workers never both see the last slot.
 * A slot expires by itself (`holdMs` after its grant while in flight, the span after its answer), so the slots
 * of a worker that died are reclaimed without anybody noticing the death.
 */
export class RateSlotsRepo implements RateSlotStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  take(request: RateSlotRequest): Promise<RateSlotGrant> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const nowIso = iso(now);
      const { account, api } = request;
      // Written first: takes the lock before anything is counted.
      await trx
        .insertInto('rate_accounts')
        .values({ account, api, blocked_until: null, touched_at: nowIso })
        .onConflict((oc) => oc.columns(['account', 'api']).doUpdateSet({ touched_at: nowIso }))
        .execute();
      const row = await trx
        .selectFrom('rate_accounts')
        .select('blocked_until')
        .where('account', '=', account)
        .where('api', '=', api)
        .executeTakeFirst();
      const blockedUntil = row?.blocked_until ? Date.parse(row.blocked_until) : null;
      await trx
        .deleteFrom('rate_slots')
        .where('account', '=', account)
        .where('api', '=', api)
        .where('expires_at', '<=', nowIso)
        .execute();
      const live = await trx
        .selectFrom('rate_slots')
        .select(['expires_at', 'settled_at'])
        .where('account', '=', account)
        .where('api', '=', api)
        .execute();
      if (blockedUntil !== null && blockedUntil > now) {
        return { ids: [], retryInMs: blockedUntil - now, taken: live.length, blockedUntil };
      }
      const free = Math.min(request.want, request.usable - live.length);
      if (free <= 0) {
        return { ids: [], retryInMs: nextFree(live, request, now), taken: live.length, blockedUntil: null };
      }
      const ids = Array.from({ length: free }, () => randomUUID());
      const expires = iso(now + request.holdMs);
      const granted = ids.map((id) => ({
        id,
        account,
        api,
        granted_at: nowIso,
        settled_at: null,
        expires_at: expires,
      }));
      await trx.insertInto('rate_slots').values(granted).execute();
      // Fewer than wanted: when the next can free, so the rest do not ask again before then.
      const retryInMs = free < request.want ? nextFree([...live, ...granted], request, now) : 0;
      return { ids, retryInMs, taken: live.length + free, blockedUntil: null };
    });
  }

  async settle(slot: RateSlotAccount, ids: readonly string[], expiresAt: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('rate_slots')
      .set({ settled_at: iso(this.clock.now()), expires_at: iso(expiresAt) })
      .where('account', '=', slot.account)
      .where('api', '=', slot.api)
      .where('id', 'in', [...ids])
      .execute();
  }

  async release(slot: RateSlotAccount, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .deleteFrom('rate_slots')
      .where('account', '=', slot.account)
      .where('api', '=', slot.api)
      .where('id', 'in', [...ids])
      .execute();
  }

  async block(slot: RateSlotAccount, until: number): Promise<void> {
    const untilIso = iso(until);
    const nowIso = iso(this.clock.now());
    await this.db
      .insertInto('rate_accounts')
      .values({ account: slot.account, api: slot.api, blocked_until: untilIso, touched_at: nowIso })
      .onConflict((oc) =>
        oc
          .columns(['account', 'api'])
          .doUpdateSet({ blocked_until: untilIso, touched_at: nowIso })
          // Only ever later: a short Retry-After seen by one worker does not cut a longer one seen by another.
          .where((eb) =>
            eb.or([eb('rate_accounts.blocked_until', 'is', null), eb('rate_accounts.blocked_until', '<', untilIso)]),
          ),
      )
      .execute();
  }

  /** Unexpired slots of an account, any worker's (for tests and `status`). */
  async count(slot: RateSlotAccount): Promise<number> {
    const row = await this.db
      .selectFrom('rate_slots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account', '=', slot.account)
      .where('api', '=', slot.api)
      .where('expires_at', '>', iso(this.clock.now()))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

/**
 * When the slot that must free for a grant can free: a settled slot at its expiry; one in flight no sooner
 * than a span from now (its answer, then the span), nor later than its own expiry.
 */
function nextFree(
  live: readonly { expires_at: string; settled_at: string | null }[],
  request: RateSlotRequest,
  now: number,
): number {
  const freeAt = live
    .map((s) => {
      const expires = Date.parse(s.expires_at);
      return s.settled_at ? expires : Math.min(expires, now + request.spanMs);
    })
    .sort((a, b) => a - b);
  const must = freeAt[Math.max(0, live.length - request.usable)] ?? now + 1;
  return Math.max(1, must - now);
}
