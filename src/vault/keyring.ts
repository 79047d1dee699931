import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyIdOf } from './key-id.js';

export interface KeyringSource {
  /** ML_CONNECTOR_MASTER_KEY: base64 of 32 bytes. When set, the keyring file is not used. */
  masterKey?: string | undefined;
  /** ML_CONNECTOR_PREVIOUS_KEYS: older keys still needed for reading, comma-separated base64. */
  previousKeys?: string | undefined;
  /** Path of the keyring file used when no master key is given in the environment. */
  file: string;
  /** Told once when a keyring file is created, so the operator knows what to back up. */
  onCreated?: (path: string) => void;
  /** Advice that is not an error (on Windows, how to restrict the keyring file's ACL). */
  notice?: (line: string) => void;
  /** The platform, for the file-mode check (tests pass 'win32'). */
  platform?: NodeJS.Platform;
}

const KEY_BYTES = 32;

/** A key of the wrong length fails here, at load, naming where it came from, before anything is sealed. */
function checkKey(key: Buffer, where: string): Buffer {
  if (key.length !== KEY_BYTES) {
    throw new Error(
      `${where} holds a key of ${key.length} bytes; AES-256 keys are ${KEY_BYTES} bytes (base64 of 32 random bytes, e.g. openssl rand -base64 32). Restore the right key: nothing was written with this one.`,
    );
  }
  return key;
}

interface KeyringFile {
  version: 1;
  current: string;
  keys: { id: string; key: string; createdAt: string }[];
}

/**
 * The set of AES-256 keys this process can use: one current key for sealing, any number for opening.
 * Keys come from the environment (operators who keep keys in a secret manager) or from a keyring file
 * created on first run with mode 0600. `reload()` re-reads the source (the service calls it on
 * `keys reload` or SIGHUP after `keys rotate`, so a running process picks up the new key without a restart).
 */
/**
 * A keyring readable by group or others is refused, as ssh refuses such a private key: anyone who can
 * read it can read every stored credential. POSIX modes only; on Windows the mode says nothing about
 * access, so the check is skipped and ACL advice printed instead.
 */
function checkFileMode(path: string, source: KeyringSource): void {
  if ((source.platform ?? process.platform) === 'win32') {
    source.notice?.(
      `Keep the keyring file ${path} readable by the service account only, e.g.: icacls "${path}" /inheritance:r /grant:r "%USERNAME%:F"`,
    );
    return;
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `The keyring file ${path} is readable by group or others (mode ${mode.toString(8).padStart(4, '0')}), so anyone on this machine could read the stored credentials. Run: chmod 600 ${path}`,
    );
  }
}

export class Keyring {
  private keys = new Map<string, Buffer>();
  private currentId = '';
  readonly source: KeyringSource;

  constructor(source: KeyringSource) {
    this.source = source;
    this.reload();
  }

  get fromEnvironment(): boolean {
    return !!this.source.masterKey;
  }

  get currentKeyId(): string {
    return this.currentId;
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  currentKey(): { id: string; key: Buffer } {
    // The keyring file is created when the first secret is sealed, not when a command merely looks.
    if (!this.currentId && !this.source.masterKey) this.loadFile(true);
    const key = this.keys.get(this.currentId);
    if (!key) throw new Error('keyring has no current key');
    return { id: this.currentId, key };
  }

  key(id: string): Buffer | undefined {
    return this.keys.get(id);
  }

  reload(): void {
    if (this.source.masterKey) {
      const keys = new Map<string, Buffer>();
      const master = checkKey(Buffer.from(this.source.masterKey, 'base64'), 'ML_CONNECTOR_MASTER_KEY');
      const current = keyIdOf(master);
      keys.set(current, master);
      for (const item of (this.source.previousKeys ?? '').split(',')) {
        if (!item.trim()) continue;
        const k = checkKey(Buffer.from(item.trim(), 'base64'), 'ML_CONNECTOR_PREVIOUS_KEYS');
        keys.set(keyIdOf(k), k);
      }
      this.keys = keys;
      this.currentId = current;
    } else {
      this.loadFile(false);
    }
  }

  private loadFile(create: boolean): void {
    // A reload that finds the file gone must not drop the keys in hand: every credential would become unreadable.
    if (!create && this.keys.size > 0 && !existsSync(this.source.file)) {
      throw new Error(
        `The keyring file ${this.source.file} is gone; the keys read before are kept. Restore it from backup.`,
      );
    }
    const keys = new Map<string, Buffer>();
    const file = existsSync(this.source.file) || create ? this.readOrCreateFile() : undefined;
    for (const k of file?.keys ?? [])
      keys.set(
        k.id,
        checkKey(Buffer.from(String(k.key), 'base64'), `The keyring file ${this.source.file} (key ${k.id})`),
      );
    this.keys = keys;
    this.currentId = file?.current ?? '';
  }

  /**
   * Adds a key and makes it current. With keys from the environment nothing can be written: the new key is
   * held in memory for this process (which re-encrypts with it) and the operator updates the environment.
   */
  addCurrentKey(newKey?: Buffer): string {
    if (!this.fromEnvironment && !existsSync(this.source.file)) this.loadFile(true);
    const key = newKey ?? randomBytes(32);
    if (key.length !== 32) throw new Error('a new key must be exactly 32 bytes (base64 of 32 random bytes)');
    const id = keyIdOf(key);
    this.keys.set(id, key);
    this.currentId = id;
    if (!this.fromEnvironment) this.writeFile();
    return id;
  }

  /** Drops keys not in `keep` (the current key is always kept). Returns the ids removed. */
  prune(keep: ReadonlySet<string>): string[] {
    if (this.fromEnvironment) return [];
    const removed: string[] = [];
    for (const id of [...this.keys.keys()]) {
      if (id !== this.currentId && !keep.has(id)) {
        this.keys.delete(id);
        removed.push(id);
      }
    }
    if (removed.length > 0) this.writeFile();
    return removed;
  }

  private readOrCreateFile(): KeyringFile {
    const path = this.source.file;
    if (existsSync(path)) {
      checkFileMode(path, this.source);
      let parsed: KeyringFile;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
      } catch (error) {
        throw new Error(
          `The keyring file ${path} cannot be read (${(error as Error).message}): it is damaged or cut short. Restore it from backup.`,
        );
      }
      if (parsed?.version !== 1 || !Array.isArray(parsed.keys) || !parsed.current) {
        throw new Error(`The keyring file ${path} is not in the expected format. Restore it from backup.`);
      }
      return parsed;
    }
    const key = randomBytes(32);
    const id = keyIdOf(key);
    const file: KeyringFile = {
      version: 1,
      current: id,
      keys: [{ id, key: key.toString('base64'), createdAt: new Date().toISOString() }],
    };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(file, null, 2), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600); // whatever the umask
    this.source.onCreated?.(path);
    return file;
  }

  private writeFile(): void {
    const path = this.source.file;
    const existing = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as KeyringFile) : undefined;
    const created = new Map(existing?.keys.map((k) => [k.id, k.createdAt]) ?? []);
    const file: KeyringFile = {
      version: 1,
      current: this.currentId,
      keys: [...this.keys.entries()].map(([id, key]) => ({
        id,
        key: key.toString('base64'),
        createdAt: created.get(id) ?? new Date().toISOString(),
      })),
    };
    // Write-then-rename so a crash never leaves a half-written keyring (losing it loses every credential).
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  }
}
