import type { Clock } from '../../domain/clock.js';
import { ConnectorError, NetworkError } from '../../domain/errors.js';
import { type PingCheck, reportingChecks } from '../../domain/ping.js';
import type { Logger } from '../../observability/logger.js';
import type { RateBudget } from './rate-budget.js';
import { DEFAULT_V1_BASE_URL, DEFAULT_V2_BASE_URL } from './resource-url.js';
import { V1Client } from './v1-client.js';
import { createV1RateBudget } from './v1-rate-budget.js';
import { V2Client } from './v2-client.js';
import { createV2RateBudget } from './v2-rate-budget.js';

export interface ShipStationPingOptions {
  v1?: { baseUrl?: string; apiKey: string; apiSecret: string };
  v2?: { baseUrl?: string; apiKey: string };
  /**
   * Where the OTHER API lives when only one is configured, for the wrong-field probe (a key is never sent to
   * a host the user did not configure: without this, the probe runs only for the real default bases).
   */
  bases?: { v1?: string; v2?: string };
  /** The account's budgets when the connector is running; fresh ones otherwise. */
  budgets?: { v1?: RateBudget; v2?: RateBudget };
  clock?: Clock;
  logger?: Logger;
  timeoutMs?: number;
}

const WHERE_KEYS = 'ShipStation → Settings → Account → API Settings';

/**
 * `ml-connector ping` for the ShipStation side: are the V1 and/or V2 credentials accepted, what does the
 * account hold (warehouses, stores, carriers), and is V2 inventory (the Inventory add-on) available.
 * A key entered in the wrong field (V1 key as V2 or the reverse) gets a finding that says so: we try it
 * the other way round, which costs one request. Costs about 3 V1 and 3 V2 requests.
 */
export async function pingShipStation(
  options: ShipStationPingOptions,
  onCheck?: (check: PingCheck) => void,
): Promise<PingCheck[]> {
  const common = {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    timeoutMs: options.timeoutMs ?? 15_000,
    // A ping answers in seconds: one retry at most (a 429 or a blip), not the flows' patient five.
    maxAttempts: 2,
  };
  const v1Budget = () => options.budgets?.v1 ?? createV1RateBudget(options.clock ? { clock: options.clock } : {});
  const v2Budget = () => options.budgets?.v2 ?? createV2RateBudget(options.clock ? { clock: options.clock } : {});
  const v1Base = options.v1?.baseUrl ?? options.bases?.v1;
  const v2Base = options.v2?.baseUrl ?? options.bases?.v2;
  const makeV1 = (apiKey: string, apiSecret: string) =>
    new V1Client({ ...common, ...base(v1Base), credentials: { apiKey, apiSecret }, budget: v1Budget() });
  const makeV2 = (apiKey: string) =>
    new V2Client({ ...common, ...base(v2Base), credentials: { apiKey }, budget: v2Budget() });
  // The probe may use the other API's default base only when this one is at its default too.
  const probe = {
    v2: v2Base !== undefined || isDefault(v1Base, DEFAULT_V1_BASE_URL),
    v1: v1Base !== undefined || isDefault(v2Base, DEFAULT_V2_BASE_URL),
  };

  const checks = reportingChecks(onCheck);
  if (options.v1) checks.push(...(await pingV1(options, makeV1, probe.v2 ? makeV2 : undefined, makeV2)));
  else {
    checks.push(skip('shipstation.v1.credentials', 'V1 credentials', 'No V1 key and secret configured'));
  }
  if (options.v2) checks.push(...(await pingV2(options, probe.v1 ? makeV1 : undefined, makeV2)));
  else {
    checks.push(skip('shipstation.v2.credentials', 'V2 credentials', 'No V2 API key configured'));
    checks.push(
      skip('shipstation.v2.inventory', 'V2 inventory', 'Inventory sync needs a V2 API key and the Inventory add-on'),
    );
  }
  return checks;
}

type MakeV1 = (key: string, secret: string) => V1Client;
type MakeV2 = (key: string) => V2Client;

async function pingV1(
  options: ShipStationPingOptions,
  makeV1: MakeV1,
  makeV2: MakeV2 | undefined,
  makeOwnV2: MakeV2,
): Promise<PingCheck[]> {
  const { apiKey, apiSecret } = options.v1!;
  const client = makeV1(apiKey, apiSecret);
  const id = 'shipstation.v1.credentials';
  try {
    const warehouses = await client.listWarehouses();
    const stores = await client.listStores();
    const carriers = await client.listCarriers();
    return [
      pass(id, 'V1 credentials', `V1 key and secret accepted at ${client.baseUrl}`),
      counts('shipstation.v1.account', 'V1 account', warehouses.length, stores.length, carriers.length),
    ];
  } catch (error) {
    const refused = error instanceof ConnectorError && (error.code === 'unauthorized' || error.code === 'forbidden');
    if (!refused) return [failure(id, 'V1 credentials', error)];
    // Is the "V1 key" a V2 key? V2 accepts it alone.
    const v2Ok = makeV2 !== undefined && (await accepted(() => makeV2(apiKey).listWarehouses()));
    // V1 refused while the configured V2 key works: most likely a plan without V1 (INFERRED from ShipStation's
    // plan wording: V1 only on Gold, Accelerate or higher). The V2 key goes only to its own configured base.
    const v2Key = options.v2?.apiKey;
    if (!v2Ok && v2Key && v2Key !== apiKey && (await accepted(() => makeOwnV2(v2Key).listWarehouses()))) {
      return [planWithoutV1(id, error.context.status)];
    }
    if (error.code === 'forbidden') return [failure(id, 'V1 credentials', error)];
    return [
      {
        id,
        label: 'V1 credentials',
        status: 'fail',
        detail: v2Ok
          ? 'The V1 API key is a V2 API key: V2 accepts it, V1 does not'
          : 'ShipStation V1 refused the API key and secret (401)',
        fix: v2Ok
          ? `Enter this key in the V2 API key field; V1 needs the key AND secret shown for "V1 API" in ${WHERE_KEYS}`
          : `Copy the V1 API key and secret again from ${WHERE_KEYS} (the "V1 API" keys)`,
      },
    ];
  }
}

/** The finding for a V1 refusal next to a working V2 key: say what it likely means and that V2 alone is enough. */
function planWithoutV1(id: string, status: number | undefined): PingCheck {
  return {
    id,
    label: 'V1 credentials',
    status: 'fail',
    detail:
      `ShipStation V1 refused the key and secret (${status ?? 'refused'}) while the V2 key works: this account's ` +
      'plan most likely has no V1 API (ShipStation keeps V1 for Gold, Accelerate and higher plans)',
    fix:
      'Use the V2 API key alone: remove the V1 key and secret from this connection (connect shipstation with only ' +
      '--v2-api-key). Orders, shipments and inventory all run on V2; nothing else changes',
  };
}

async function pingV2(
  options: ShipStationPingOptions,
  makeV1: MakeV1 | undefined,
  makeV2: MakeV2,
): Promise<PingCheck[]> {
  const { apiKey } = options.v2!;
  const client = makeV2(apiKey);
  const id = 'shipstation.v2.credentials';
  let warehouses: number;
  let carriers: number;
  try {
    warehouses = (await client.listWarehouses()).length;
    carriers = (await client.listCarriers()).length;
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.code !== 'unauthorized') {
      return [failure(id, 'V2 credentials', error), skip('shipstation.v2.inventory', 'V2 inventory', 'Not checked')];
    }
    // Is the "V2 key" the V1 key? Same as the V1 key field, or accepted by V1 with the V1 secret.
    const v1 = options.v1;
    const isV1Key =
      v1 !== undefined &&
      (v1.apiKey === apiKey ||
        (makeV1 !== undefined && (await accepted(() => makeV1(apiKey, v1.apiSecret).listWarehouses()))));
    return [
      {
        id,
        label: 'V2 credentials',
        status: 'fail',
        detail: isV1Key
          ? 'The V2 API key is the V1 API key: V2 needs its own key'
          : 'ShipStation V2 refused the API key (401)',
        fix: isV1Key
          ? `Generate a V2 key in ${WHERE_KEYS} (choose "V2 API") and enter it as the V2 API key`
          : `Copy the V2 API key again from ${WHERE_KEYS} ("V2 API"); only one V2 key exists at a time`,
      },
      skip('shipstation.v2.inventory', 'V2 inventory', 'Not checked: the V2 key was refused'),
    ];
  }
  return [
    pass(id, 'V2 credentials', `V2 API key accepted at ${client.baseUrl}`),
    counts('shipstation.v2.account', 'V2 account', warehouses, undefined, carriers),
    await inventoryCheck(client),
  ];
}

async function inventoryCheck(client: V2Client): Promise<PingCheck> {
  const id = 'shipstation.v2.inventory';
  try {
    const first = await client.getInventory({}, { pageSize: 1, maxPages: 1 }).pages().next();
    const total = first.value?.total ?? 0;
    return pass(id, 'V2 inventory', `V2 inventory is available (${total} stock record${total === 1 ? '' : 's'})`);
  } catch (error) {
    if (error instanceof ConnectorError && (error.code === 'forbidden' || error.code === 'not_found')) {
      return {
        id,
        label: 'V2 inventory',
        status: 'warn',
        detail: 'V2 inventory is not available on this account',
        fix: "Stock levels need ShipStation's Inventory add-on; until it is enabled the inventory flow stays off",
      };
    }
    return failure(id, 'V2 inventory', error);
  }
}

async function accepted(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch {
    return false;
  }
}

function counts(
  id: string,
  label: string,
  warehouses: number,
  stores: number | undefined,
  carriers: number,
): PingCheck {
  const parts = [
    plural(warehouses, 'warehouse'),
    ...(stores === undefined ? [] : [plural(stores, 'store')]),
    plural(carriers, 'carrier'),
  ];
  const detail = parts.join(', ');
  if (warehouses === 0 || carriers === 0) {
    return {
      id,
      label,
      status: 'warn',
      detail,
      fix: 'Add a Ship From location and connect at least one carrier in ShipStation before mapping',
    };
  }
  return { id, label, status: 'pass', detail };
}

function failure(id: string, label: string, error: unknown): PingCheck {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof NetworkError) {
    return {
      id,
      label,
      status: 'fail',
      detail: message,
      fix: "Check the ShipStation API URL and this machine's internet access",
    };
  }
  return {
    id,
    label,
    status: 'fail',
    detail: message,
    fix: "Try again; if it persists, check ShipStation's status page",
  };
}

const pass = (id: string, label: string, detail: string): PingCheck => ({ id, label, status: 'pass', detail });
const skip = (id: string, label: string, detail: string): PingCheck => ({ id, label, status: 'skip', detail });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const base = (baseUrl: string | undefined) => (baseUrl ? { baseUrl } : {});
const isDefault = (baseUrl: string | undefined, fallback: string) =>
  baseUrl === undefined || baseUrl.replace(/\/+$/, '') === fallback;
