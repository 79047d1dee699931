import { existsSync, readFileSync } from 'node:fs';
import { isSecretKey } from '../observability/redact.js';
import { CONFIG_KEYS, type Config, configSchema, crossFieldProblems, SETTING_EXAMPLES } from './schema.js';

export type ConfigResult =
  | { ok: true; config: Config; warnings: string[] }
  | { ok: false; problems: string[]; warnings: string[] };

export interface ConfigSources {
  env: Record<string, string | undefined>;
  /** Path of an optional JSON file with the same names as the environment variables. */
  file?: string | undefined;
}

/** Variables whose values are secrets are never quoted back in a problem message. */
const SECRET_SETTINGS = new Set([
  'ML_CONNECTOR_MASTER_KEY',
  'ML_CONNECTOR_PREVIOUS_KEYS',
  'SAGE300_PASSWORD',
  'SHIPSTATION_API_KEY',
  'SHIPSTATION_API_SECRET',
  'SHIPSTATION_V2_API_KEY',
  'ADMIN_PASSWORD',
  'DATABASE_URL',
]);

/**
 * Reads the config file (if any) and the environment, validates everything at once, and returns every
 * problem in plain words (`ml-connector config check` prints them all, the service refuses to start).
 */
export function loadConfig(sources: ConfigSources): ConfigResult {
  const warnings: string[] = [];
  const problems: string[] = [];
  let fromFile: Record<string, string> = {};
  if (sources.file) {
    if (!existsSync(sources.file)) {
      problems.push(`The config file ${sources.file} does not exist.`);
    } else {
      try {
        const parsed: unknown = JSON.parse(readFileSync(sources.file, 'utf8'));
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          problems.push(`The config file ${sources.file} must hold one JSON object of settings.`);
        } else {
          for (const [k, v] of Object.entries(parsed)) {
            if (!CONFIG_KEYS.includes(k))
              warnings.push(`The config file sets ${k}, which is not a setting: it is ignored.`);
            else if (v !== null && v !== undefined) fromFile[k] = String(v);
          }
        }
      } catch (error) {
        problems.push(`The config file ${sources.file} is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  const merged: Record<string, string> = { ...fromFile };
  for (const key of CONFIG_KEYS) {
    const value = sources.env[key];
    // An empty variable means "not set": shells and .env files often export blanks.
    if (value !== undefined && value !== '') merged[key] = value;
  }
  if (problems.length > 0) fromFile = {};
  const result = configSchema.safeParse(merged);
  problems.push(...crossFieldProblems(merged));
  if (!result.success) {
    // One problem per setting: zod may report a URL both as "not a URL" and as "not the Web API base".
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problemText(issue, merged));
    }
  }
  if (problems.length > 0 || !result.success) return { ok: false, problems, warnings };
  return { ok: true, config: result.data, warnings };
}

/**
 * One problem as a person fixes it: the setting, what it must be, the value given (never for secrets) and
 * a value that would do ("PORT must be a port number… (it is "eighty"); for example PORT=8080.").
 */
function problemText(issue: { path: PropertyKey[]; message: string }, given: Record<string, string>): string {
  const key = String(issue.path[0] ?? '');
  const value = given[key];
  const shown = value === undefined || SECRET_SETTINGS.has(key) || isSecretKey(key) ? '' : ` (it is "${value}")`;
  const example = SETTING_EXAMPLES[key as keyof Config];
  return `${key} ${issue.message}${shown}${example ? `; for example ${key}=${example}` : ''}.`;
}
