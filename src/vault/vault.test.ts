import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultKeyMissingError } from '../domain/errors.js';
import { keyIdOf } from './key-id.js';
import { Keyring } from './keyring.js';
import { Vault } from './vault.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'mlc-vault-'));

describe('Vault', () => {
  it('seals with a random IV and the key id, and opens only with the same associated data', () => {
    const key = randomBytes(32);
    const vault = new Vault(new Keyring({ masterKey: key.toString('base64'), file: join(tmp(), 'k') }));
    const a = vault.seal('S3CRET-password', 'conn:1:sage300.password');
    const b = vault.seal('S3CRET-password', 'conn:1:sage300.password');
    expect(a.keyId).toBe(keyIdOf(key));
    expect(a.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(a.sealed).not.toBe(b.sealed);
    expect(a.sealed).not.toContain('S3CRET');
    expect(vault.open(a, 'conn:1:sage300.password')).toBe('S3CRET-password');
    expect(() => vault.open(a, 'conn:2:sage300.password')).toThrow(/integrity check/);
  });

  it('names the key id it lacks instead of returning garbage', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const sealed = new Vault(new Keyring({ masterKey: a.toString('base64'), file: join(tmp(), 'k') })).seal('x', 'ad');
    const other = new Vault(new Keyring({ masterKey: b.toString('base64'), file: join(tmp(), 'k') }));
    let caught: unknown;
    try {
      other.open(sealed, 'ad');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(VaultKeyMissingError);
    expect((caught as VaultKeyMissingError).keyId).toBe(keyIdOf(a));
    expect((caught as Error).message).toContain(keyIdOf(a));
    expect((caught as Error).message).toMatch(/ML_CONNECTOR_PREVIOUS_KEYS/);
  });

  it('reads with previous keys from the environment', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const sealed = new Vault(new Keyring({ masterKey: a.toString('base64'), file: join(tmp(), 'k') })).seal('x', 'ad');
    const both = new Vault(
      new Keyring({
        masterKey: b.toString('base64'),
        previousKeys: ` ${a.toString('base64')} ,`,
        file: join(tmp(), 'k'),
      }),
    );
    expect(both.open(sealed, 'ad')).toBe('x');
    expect(both.currentKeyId).toBe(keyIdOf(b));
  });

  it('creates the keyring file (mode 0600) when the first secret is sealed, tells where once, and reuses it', () => {
    const file = join(tmp(), 'sub', 'keyring.json');
    const told: string[] = [];
    const first = new Keyring({ file, onCreated: (p) => told.push(p) });
    expect(existsSync(file)).toBe(false);
    const sealed = new Vault(first).seal('y', 'ad');
    const second = new Keyring({ file, onCreated: (p) => told.push(p) });
    expect(told).toEqual([file]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(new Vault(second).open(sealed, 'ad')).toBe('y');
  });

  it('adds a current key to the file and prunes unused ones', () => {
    const file = join(tmp(), 'keyring.json');
    const ring = new Keyring({ file });
    new Vault(ring).seal('x', 'ad');
    const old = ring.currentKeyId;
    const added = ring.addCurrentKey();
    expect(ring.currentKeyId).toBe(added);
    expect(new Keyring({ file }).keyIds.sort()).toEqual([old, added].sort());
    expect(ring.prune(new Set())).toEqual([old]);
    expect(JSON.parse(readFileSync(file, 'utf8')).keys).toHaveLength(1);
  });
});
