import nodePath from 'node:path';
import { loadConfig } from './config/load.js';
import type { Config } from './config/schema.js';
import { type Clock, systemClock } from './domain/clock.js';
import { ConfigError } from './domain/errors.js';
import type { PathModule } from './domain/path-module.js';
import { createLogger, type Logger } from './observability/logger.js';
import { registerSecret } from './observability/scrub.js';
import { openStore, type Store } from './store/store.js';
import { Keyring } from './vault/keyring.js';
import { Vault } from './vault/vault.js';

/** What every command and the service share: parsed config, logger, keys, store. */
export interface App {
  config: Config;
  logger: Logger;
  keyring: Keyring;
  vault: Vault;
  store: Store;
  clock: Clock;
  close(): Promise<void>;
}

export interface AppOptions {
  env: Record<string, string | undefined>;
  configFile?: string | undefined;
  clock?: Clock;
  logger?: Logger;
  /** Where one-time notices go (the keyring's "back it up" line). Defaults to stderr. */
  notice?: (line: string) => void;
}

export function parseConfig(env: Record<string, string | undefined>, configFile?: string): Config {
  const result = loadConfig({ env, file: configFile });
  if (!result.ok) throw new ConfigError(result.problems, `Configuration problems:\n- ${result.problems.join('\n- ')}`);
  return result.config;
}

/** ML_CONNECTOR_KEYRING, or keyring.json in the data folder, absolute (`path.win32` in a unit test). */
export function keyringPath(
  config: Pick<Config, 'ML_CONNECTOR_KEYRING' | 'ML_CONNECTOR_DATA_DIR'>,
  path: PathModule = nodePath,
): string {
  return path.resolve(config.ML_CONNECTOR_KEYRING ?? path.join(config.ML_CONNECTOR_DATA_DIR, 'keyring.json'));
}

/** Settings that are secrets are known to the scrubber from the start (the alert URL's path is a token). */
function registerConfigSecrets(config: Config): void {
  registerSecret(config.ML_CONNECTOR_MASTER_KEY);
  registerSecret(config.ADMIN_PASSWORD);
  registerSecret(config.METRICS_TOKEN);
  if (config.ALERT_WEBHOOK_URL) {
    registerSecret(config.ALERT_WEBHOOK_URL);
    const { pathname, search } = new URL(config.ALERT_WEBHOOK_URL);
    if (pathname.length >= 8) registerSecret(pathname);
    if (search.length >= 8) registerSecret(search);
  }
}

/** Opens config, keyring, vault and store: the composition every command starts from. */
export async function openApp(options: AppOptions): Promise<App> {
  const config = parseConfig(options.env, options.configFile);
  registerConfigSecrets(config);
  const notice = options.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const clock = options.clock ?? systemClock;
  const keyring = new Keyring({
    masterKey: config.ML_CONNECTOR_MASTER_KEY,
    previousKeys: config.ML_CONNECTOR_PREVIOUS_KEYS,
    file: keyringPath(config),
    notice,
    onCreated: (path) => {
      notice(`Created a new encryption keyring at ${path} (mode 0600).`);
      notice('Back it up now: without it the stored credentials cannot be read and must be entered again.');
    },
  });
  const vault = new Vault(keyring);
  const store = await openStore({ url: config.DATABASE_URL, dataDir: config.ML_CONNECTOR_DATA_DIR, vault, clock });
  return {
    config,
    logger,
    keyring,
    vault,
    store,
    clock,
    close: () => store.close(),
  };
}
