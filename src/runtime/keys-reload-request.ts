import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import nodePath from 'node:path';
import { z } from 'zod';
import type { PathModule } from '../domain/path-module.js';

/**
 * The files through which `keys reload` asks a running service to re-read its keyring: a request the
 * service polls for, and the outcome it writes back. Files, not a signal: Windows has no SIGHUP, and the
 * data folder is the one thing the command and the service are sure to share.
 */
export function keysReloadFiles(dataDir: string, path: PathModule = nodePath): { request: string; outcome: string } {
  const dir = path.resolve(dataDir);
  return { request: path.join(dir, 'keys-reload.request'), outcome: path.join(dir, 'keys-reload.outcome') };
}

export const keysReloadRequestSchema = z.object({ id: z.string().min(1), requestedAt: z.string() });
export type KeysReloadRequest = z.infer<typeof keysReloadRequestSchema>;

export const keysReloadOutcomeSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  pid: z.number(),
  currentKeyId: z.string(),
  keyIds: z.array(z.string()),
  fromEnvironment: z.boolean(),
  error: z.string().optional(),
});
export type KeysReloadOutcome = z.infer<typeof keysReloadOutcomeSchema>;

/** Write-then-rename: the reader never sees half a file (a service polling at the wrong moment). */
export function writeJsonAtomically(file: string, value: unknown): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}

/** A JSON file parsed by `schema`, or undefined when absent, unreadable or not of that shape. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type KeysReloadAnswer = { status: 'done'; outcome: KeysReloadOutcome } | { status: 'no-service' };

/**
 * Drops a request in the data folder and waits for a running service's outcome with the same id. After
 * `timeoutMs` without one the request is taken back, so a service started later does not act on a stale
 * request (it reads the keyring at start anyway).
 */
export async function requestKeysReload(
  dataDir: string,
  options: { timeoutMs: number; pollMs?: number },
): Promise<KeysReloadAnswer> {
  const files = keysReloadFiles(dataDir);
  mkdirSync(nodePath.dirname(files.request), { recursive: true });
  const request: KeysReloadRequest = { id: randomUUID(), requestedAt: new Date().toISOString() };
  writeJsonAtomically(files.request, request);
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const outcome = readJsonFile(files.outcome, keysReloadOutcomeSchema);
    if (outcome?.id === request.id) return { status: 'done', outcome };
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
  if (readJsonFile(files.request, keysReloadRequestSchema)?.id === request.id) rmSync(files.request, { force: true });
  // A service that took the request in the last moment has written its outcome by now or will not.
  const late = readJsonFile(files.outcome, keysReloadOutcomeSchema);
  return late?.id === request.id ? { status: 'done', outcome: late } : { status: 'no-service' };
}
