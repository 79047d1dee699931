import { Cron } from 'croner';
import { IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * The one configuration schema (design rule 7). Every setting is an environment variable; an optional
 * JSON config file may hold the same names (the environment wins). Nothing else in the code reads
 * process.env: main/CLI parse once and pass the result down.
 */

const SECONDS = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .int({ error: 'must be a whole number of seconds' })
    .min(1, { error: 'must be at least 1 second' })
    .default(fallback);

const optionalSeconds = z.coerce
  .number({ error: 'must be a number of seconds' })
  .int({ error: 'must be a whole number of seconds' })
  .min(1, { error: 'must be at least 1 second' })
  .optional();

const PORT = z.coerce
  .number({ error: 'must be a port number, a whole number between 0 and 65535' })
  .int({ error: 'must be a port number, a whole number between 0 and 65535' })
  .min(0, { error: 'must be a port number, a whole number between 0 and 65535' })
  .max(65535, { error: 'must be a port number, a whole number between 0 and 65535' });

/** Says what is wrong with a URL in the words a person fixes it with ("add https://"). */
function urlProblem(value: unknown): string {
  const v = String(value ?? '');
  if (v.trim() !== v || /\s/.test(v)) return 'must be a URL without spaces';
  if (!v.includes('://')) return 'must be an http:// or https:// URL: add https:// in front';
  return 'must be an http:// or https:// URL';
}

const httpUrl = z.url({ protocol: /^https?$/, error: (issue) => urlProblem(issue.input) });

/** A whole number in a range, with the range in the message (zod's own says "received NaN"). */
function wholeNumber(what: string, min: number, max?: number) {
  const range = max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
  const error = `must be a whole number of ${what}, ${range}`;
  const n = z.coerce.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? n : n.max(max, { error });
}

/** One of a few words, listed in the message as a person would say them. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const listed = values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
  return z.enum(values, { error: `must be ${values.length > 2 ? 'one of ' : ''}${listed}` });
}

/** A host name or an IP address to listen on: no scheme, port, path or spaces. */
const hostName = z
  .string()
  .min(1, { error: 'must be a host name or IP address' })
  .refine((v) => /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(v) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(v), {
    error: 'must be a host name or IP address (no scheme, port or spaces)',
  });

const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
  error: 'must be the base64 encoding of exactly 32 random bytes (for example: openssl rand -base64 32)',
});

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    error: 'must be true or false (or yes/no, on/off, 1/0)',
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const cron = z.string().refine(
  (v) => {
    try {
      new Cron(v, { paused: true });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be a cron expression such as "*/5 * * * *" (minute hour day month weekday)' },
);

/**
 * Which peers may set X-Forwarded-For (fastify's trustProxy): false (default: the socket's peer is the
 * client), a hop count, or comma-separated addresses/CIDRs of the reverse proxies.
 */
const trustProxy = z
  .string()
  .trim()
  .refine((v) => /^(false|true|\d{1,2}|[0-9a-fA-F.:/,\s]+)$/.test(v), {
    error:
      'must be false, a number of proxy hops, or comma-separated proxy addresses/CIDRs (e.g. 10.0.0.0/8,127.0.0.1)',
  })
  .transform((v): boolean | number | string[] =>
    v === 'false'
      ? false
      : v === 'true'
        ? true
        : /^\d+$/.test(v)
          ? Number(v)
          : v
              .split(',')
              .map((a) => a.trim())
              .filter(Boolean),
  );

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' });

export const configSchema = z.object({
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** pretty: short coloured lines for a person; json: one JSON object a line. Unset: pretty when stderr is a terminal. */
  LOG_FORMAT: oneOf(['pretty', 'json']).optional(),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres(ql)?:\/\/|sqlite:|file:)/.test(v) || !v.includes('://'), {
      error: 'must be postgres://user@host:port/db, or a SQLite file path (sqlite:./data/x.db)',
    })
    .optional(),
  ML_CONNECTOR_DATA_DIR: z.string().default('./data'),
  ML_CONNECTOR_MASTER_KEY: base64Key.optional(),
  ML_CONNECTOR_PREVIOUS_KEYS: z
    .string()
    .refine((v) => v.split(',').every((k) => k.trim() === '' || Buffer.from(k.trim(), 'base64').length === 32), {
      error: 'must be a comma-separated list of base64 keys of 32 bytes each',
    })
    .optional(),
  ML_CONNECTOR_KEYRING: z.string().optional(),

  HOST: hostName.default('127.0.0.1'),
  PORT: PORT.default(8080),
  ADMIN_HOST: hostName.optional(),
  ADMIN_PORT: PORT.optional(),
  PUBLIC_URL: httpUrl.optional(),
  ADMIN_PASSWORD: z.string().min(8, { error: 'must be at least 8 characters' }).optional(),
  TRUST_PROXY: trustProxy.default(false),
  /** Bearer token for /metrics on a single listener (with ADMIN_PORT, /metrics is on the admin listener). */
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),

  SAGE300_URL: httpUrl
    .refine((v) => URL.canParse(v) && /\/v1\.0\/[^/]+\/[^/]+\/?$/i.test(new URL(v).pathname), {
      error: 'must be the Web API base including the company (…/Sage300WebApi/v1.0/-/COMPANY)',
    })
    .optional(),
  SAGE300_USER: z.string().min(1).optional(),
  SAGE300_PASSWORD: z.string().optional(),
  SAGE300_KEEP_CASE: flag.default(false),
  SAGE300_TIMEZONE: z
    .string()
    .refine((v) => IANAZone.isValidZone(v), { error: 'must be an IANA time zone such as America/Chicago' })
    .optional(),

  SHIPSTATION_V1_URL: httpUrl.default('https://ssapi.shipstation.com'),
  SHIPSTATION_API_KEY: z.string().min(1).optional(),
  SHIPSTATION_API_SECRET: z.string().min(1).optional(),
  SHIPSTATION_V2_URL: httpUrl.default('https://api.shipstation.com/v2'),
  SHIPSTATION_V2_API_KEY: z.string().min(1).optional(),
  SHIPSTATION_JWKS_URL: httpUrl.default('https://api.shipengine.com/jwks'),
  SHIPSTATION_ORDERS_API: oneOf(['v1', 'v2']).optional(),
  SHIPSTATION_V2_RATE_LIMIT: wholeNumber('requests per minute', 1).default(200),
  /** The rate window; shortened only against the simulators (tests, benchmarks, the demo). */
  SHIPSTATION_RATE_WINDOW_MS: wholeNumber('milliseconds', 100).default(60_000),
  SAGE300_CONCURRENCY: wholeNumber('requests', 1, 16).default(2),
  SAGE300_TIMEOUT_SECONDS: wholeNumber('seconds', 1).default(60),
  SHIPSTATION_TIMEOUT_SECONDS: wholeNumber('seconds', 1).default(30),
  /** How long `ping` waits for each answer: short, so a host that never answers is reported in seconds. */
  PING_TIMEOUT_SECONDS: wholeNumber('seconds', 1, 600).default(10),
  /** How long a flow's lease lasts without renewal: after a crash, another process takes over after this. */
  FLOW_LEASE_SECONDS: wholeNumber('seconds', 2, 3600).default(60),
  /** How long the runs history (the dashboard's Runs page) keeps a pass; older ones are deleted as passes start. */
  FLOW_RUNS_KEEP_DAYS: wholeNumber('days', 1, 3650).default(30),
  /** Passes one `start` process (a worker) runs at once; sized for 2 cores. On PostgreSQL a worker at its cap leaves due passes to the others. */
  WORKER_CONCURRENCY: wholeNumber('passes', 1, 64).default(2),
  /** How often a worker writes its heartbeat to the workers table; one missed for 3 × this, it is shown as gone. */
  WORKER_HEARTBEAT_SECONDS: wholeNumber('seconds', 1, 600).default(5),
  /** How often a worker reads the shared schedule (PostgreSQL): a pass triggered elsewhere or left by a dead worker starts within this. */
  WORKER_POLL_MS: wholeNumber('milliseconds', 50, 60_000).default(1000),

  ORDERS_POLL_SECONDS: SECONDS(60),
  ORDERS_EDITS_POLL_SECONDS: SECONDS(300),
  ORDERS_LOOKBACK_DAYS: wholeNumber('days', 1, 3650).default(30),
  ORDERS_START_DATE: isoDate.optional(),
  SHIPMENTS_POLL_SECONDS: optionalSeconds,
  INVENTORY_POLL_SECONDS: SECONDS(900),
  INVENTORY_QUANTITY: oneOf(['on_hand', 'available']).default('on_hand'),
  REFERENCE_POLL_SECONDS: SECONDS(86_400),
  RECONCILE_CRON: cron.default('30 2 * * *'),
  /** A cron expression instead of the interval, per scheduled job (the interval is used when unset). */
  ORDERS_CRON: cron.optional(),
  ORDERS_EDITS_CRON: cron.optional(),
  SHIPMENTS_CRON: cron.optional(),
  INVENTORY_CRON: cron.optional(),
  REFERENCE_CRON: cron.optional(),
  MAPPINGS_AUTO: oneOf(['off', 'accept']).default('off'),
  CREATE_MISSING_SHIP_VIAS: flag.default(false),
  STALE_AFTER_MINUTES: wholeNumber('minutes', 1).default(30),
  ALERT_WEBHOOK_URL: httpUrl.optional(),
  DEMO: oneOf(['auto', 'off']).default('auto'),
});

/**
 * Rules across settings, checked on the raw values so they are reported together with the per-field
 * problems (zod skips refinements once a field has failed).
 */
export function crossFieldProblems(c: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (c['SAGE300_URL']) {
    if (!c['SAGE300_USER'])
      problems.push('SAGE300_USER is required when SAGE300_URL is set (the Sage 300 Web API user).');
    if (c['SAGE300_PASSWORD'] === undefined) problems.push('SAGE300_PASSWORD is required when SAGE300_URL is set.');
  }
  if (c['SHIPSTATION_API_KEY'] && !c['SHIPSTATION_API_SECRET']) {
    problems.push('SHIPSTATION_API_SECRET is required when SHIPSTATION_API_KEY is set.');
  }
  if (c['SHIPSTATION_API_SECRET'] && !c['SHIPSTATION_API_KEY']) {
    problems.push('SHIPSTATION_API_KEY is required when SHIPSTATION_API_SECRET is set.');
  }
  if (c['SHIPSTATION_ORDERS_API'] === 'v1' && !c['SHIPSTATION_API_KEY']) {
    problems.push('SHIPSTATION_ORDERS_API is v1 but no V1 API key is set (SHIPSTATION_API_KEY).');
  }
  if (c['SHIPSTATION_ORDERS_API'] === 'v2' && !c['SHIPSTATION_V2_API_KEY']) {
    problems.push('SHIPSTATION_ORDERS_API is v2 but no V2 API key is set (SHIPSTATION_V2_API_KEY).');
  }
  if (c['ADMIN_PORT'] && c['ADMIN_PORT'] === (c['PORT'] ?? '8080') && (c['ADMIN_HOST'] ?? c['HOST']) === c['HOST']) {
    problems.push(
      'ADMIN_PORT is the same as PORT: leave ADMIN_PORT unset to serve the dashboard on the main listener.',
    );
  }
  return problems;
}

export type Config = z.infer<typeof configSchema>;

/** A valid value per setting, shown after a problem so the fix can be copied ("for example PORT=8080"). */
export const SETTING_EXAMPLES: Partial<Record<keyof Config, string>> = {
  LOG_LEVEL: 'debug',
  LOG_FORMAT: 'json',
  DATABASE_URL: 'postgres://connector@db.example.com:5432/connector',
  ML_CONNECTOR_DATA_DIR: './data',
  ML_CONNECTOR_MASTER_KEY: '"$(openssl rand -base64 32)"',
  HOST: '0.0.0.0',
  PORT: '8080',
  ADMIN_HOST: '127.0.0.1',
  ADMIN_PORT: '8081',
  PUBLIC_URL: 'https://connector.example.com',
  SAGE300_URL: 'https://erp.example.com/Sage300WebApi/v1.0/-/SAMINC',
  SAGE300_KEEP_CASE: 'false',
  SAGE300_TIMEZONE: 'America/Chicago',
  SHIPSTATION_V1_URL: 'https://ssapi.shipstation.com',
  SHIPSTATION_V2_URL: 'https://api.shipstation.com/v2',
  SHIPSTATION_JWKS_URL: 'https://api.shipengine.com/jwks',
  SHIPSTATION_ORDERS_API: 'v2',
  SHIPSTATION_V2_RATE_LIMIT: '200',
  SHIPSTATION_RATE_WINDOW_MS: '60000',
  SAGE300_CONCURRENCY: '2',
  SAGE300_TIMEOUT_SECONDS: '60',
  SHIPSTATION_TIMEOUT_SECONDS: '30',
  PING_TIMEOUT_SECONDS: '10',
  FLOW_LEASE_SECONDS: '60',
  FLOW_RUNS_KEEP_DAYS: '30',
  WORKER_CONCURRENCY: '2',
  WORKER_HEARTBEAT_SECONDS: '5',
  WORKER_POLL_MS: '1000',
  ORDERS_POLL_SECONDS: '60',
  ORDERS_EDITS_POLL_SECONDS: '300',
  ORDERS_LOOKBACK_DAYS: '30',
  ORDERS_START_DATE: '2026-01-31',
  SHIPMENTS_POLL_SECONDS: '300',
  INVENTORY_POLL_SECONDS: '900',
  INVENTORY_QUANTITY: 'available',
  REFERENCE_POLL_SECONDS: '86400',
  RECONCILE_CRON: '"30 2 * * *"',
  ORDERS_CRON: '"*/5 * * * *"',
  ORDERS_EDITS_CRON: '"*/15 * * * *"',
  SHIPMENTS_CRON: '"*/10 * * * *"',
  INVENTORY_CRON: '"0 * * * *"',
  REFERENCE_CRON: '"0 3 * * *"',
  MAPPINGS_AUTO: 'accept',
  CREATE_MISSING_SHIP_VIAS: 'true',
  STALE_AFTER_MINUTES: '30',
  ALERT_WEBHOOK_URL: 'https://hooks.example.com/connector',
  DEMO: 'off',
};

/** The names the schema knows, for "unknown setting" warnings on config files. */
export const CONFIG_KEYS: readonly string[] = Object.keys(configSchema.shape);
