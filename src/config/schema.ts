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
  .number({ error: 'must be a port number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be between 0 and 65535' })
  .max(65535, { error: 'must be between 0 and 65535' });

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
  error: 'must be the base64 encoding of exactly 32 random bytes (for example: openssl rand -base64 32)',
});

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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

  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: PORT.default(8080),
  ADMIN_HOST: z.string().min(1).optional(),
  ADMIN_PORT: PORT.optional(),
  PUBLIC_URL: httpUrl.optional(),
  ADMIN_PASSWORD: z.string().min(8, { error: 'must be at least 8 characters' }).optional(),
  TRUST_PROXY: trustProxy.default(false),
  /** Bearer token for /metrics on a single listener (with ADMIN_PORT, /metrics is on the admin listener). */
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),

  SAGE300_URL: httpUrl
    .refine((v) => /\/v1\.0\/[^/]+\/[^/]+\/?$/i.test(new URL(v).pathname), {
      error: 'must be the Web API base including the company, e.g. https://erp.example.com/Sage300WebApi/v1.0/-/SAMINC',
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
  SHIPSTATION_ORDERS_API: z.enum(['v1', 'v2'], { error: 'must be v1 or v2' }).optional(),
  SHIPSTATION_V2_RATE_LIMIT: z.coerce.number().int().min(1).default(200),
  /** The rate window; shortened only against the simulators (tests, benchmarks, the demo). */
  SHIPSTATION_RATE_WINDOW_MS: z.coerce.number().int().min(100).default(60_000),
  SAGE300_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  SAGE300_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(60),
  SHIPSTATION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(30),
  /** How long a flow's lease lasts without renewal: after a crash, another process takes over after this. */
  FLOW_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),

  ORDERS_POLL_SECONDS: SECONDS(60),
  ORDERS_EDITS_POLL_SECONDS: SECONDS(300),
  ORDERS_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  ORDERS_START_DATE: isoDate.optional(),
  SHIPMENTS_POLL_SECONDS: optionalSeconds,
  INVENTORY_POLL_SECONDS: SECONDS(900),
  INVENTORY_QUANTITY: z.enum(['on_hand', 'available'], { error: 'must be on_hand or available' }).default('on_hand'),
  REFERENCE_POLL_SECONDS: SECONDS(86_400),
  RECONCILE_CRON: cron.default('30 2 * * *'),
  /** A cron expression instead of the interval, per scheduled job (the interval is used when unset). */
  ORDERS_CRON: cron.optional(),
  ORDERS_EDITS_CRON: cron.optional(),
  SHIPMENTS_CRON: cron.optional(),
  INVENTORY_CRON: cron.optional(),
  REFERENCE_CRON: cron.optional(),
  MAPPINGS_AUTO: z.enum(['off', 'accept'], { error: 'must be off or accept' }).default('off'),
  CREATE_MISSING_SHIP_VIAS: flag.default(false),
  STALE_AFTER_MINUTES: z.coerce.number().int().min(1).default(30),
  ALERT_WEBHOOK_URL: httpUrl.optional(),
  DEMO: z.enum(['auto', 'off'], { error: 'must be auto or off' }).default('auto'),
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

/** The names the schema knows, for "unknown setting" warnings on config files. */
export const CONFIG_KEYS: readonly string[] = Object.keys(configSchema.shape);
