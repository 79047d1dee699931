import { chmodSync, closeSync, existsSync, openSync, statSync, writeFileSync } from 'node:fs';

/**
 * Data files (the SQLite database with its WAL and SHM, the keyring, shipment exports) hold customer
 * addresses, ping details and keys: they are created 0600 whatever the umask. POSIX only: on Windows a
 * file mode says nothing about who may read it (ACLs do), so nothing is changed or checked there.
 */
const POSIX = process.platform !== 'win32';

/** Creates `path` empty with mode 0600 if it does not exist (SQLite then gives its WAL and SHM the same mode). */
export function createPrivateFile(path: string): void {
  if (existsSync(path)) return;
  closeSync(openSync(path, 'a', 0o600));
  if (POSIX) chmodSync(path, 0o600);
}

/** writeFileSync, with mode 0600 whatever the umask. */
export function writePrivateFile(path: string, data: string, flag = 'wx'): void {
  writeFileSync(path, data, { encoding: 'utf8', flag, mode: 0o600 });
  if (POSIX) chmodSync(path, 0o600);
}

/** Existing files among `paths` readable or writable by group or others, with their modes (`config check`). */
export function widerThanPrivate(paths: readonly string[]): Array<{ path: string; mode: string }> {
  if (!POSIX) return [];
  const out: Array<{ path: string; mode: string }> = [];
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) out.push({ path, mode: mode.toString(8).padStart(4, '0') });
  }
  return out;
}
