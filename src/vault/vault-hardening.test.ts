import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../app.js';
import { keyIdOf } from './key-id.js';
import { Keyring } from './keyring.js';
import { Vault } from './vault.js';

/** Issue 13, point 6: full-length GCM tags, keys checked at load naming their source, keyring file modes. */
const tmp = () => mkdtempSync(join(tmpdir(), 'mlc-vault-'));

function keyringFile(dir: string, key: Buffer, mode = 0o600): string {
  const path = join(dir, 'keyring.json');
  const id = keyIdOf(key);
  writeFileSync(
    path,
    JSON.stringify({ version: 1, current: id, keys: [{ id, key: key.toString('base64'), createdAt: '' }] }),
  );
  chmodSync(path, mode);
  return path;
}

describe('vault hardening', () => {
  it.each([4, 8, 12, 15])('refuses a GCM tag cut to %i bytes', (bytes) => {
    const vault = new Vault(new Keyring({ masterKey: randomBytes(32).toString('base64'), file: '/nonexistent' }));
    const sealed = vault.seal('secret-value', 'ad');
    const [v, iv, ct, tag] = sealed.sealed.split('.');
    const cut = Buffer.from(tag!, 'base64').subarray(0, bytes).toString('base64');
    expect(() => vault.open({ ...sealed, sealed: [v, iv, ct, cut].join('.') }, 'ad')).toThrow(
      `${bytes}-byte integrity tag (16 expected)`,
    );
    expect(vault.open(sealed, 'ad')).toBe('secret-value');
  });

  it('a 5-byte key in the keyring file fails at load, naming the file', () => {
    const dir = tmp();
    const path = keyringFile(dir, randomBytes(5));
    expect(() => new Keyring({ file: path })).toThrow(`The keyring file ${path}`);
    expect(() => new Keyring({ file: path })).toThrow('holds a key of 5 bytes');
  });

  it('a 5-byte key in the environment fails at load, naming the setting', () => {
    expect(() => new Keyring({ masterKey: randomBytes(5).toString('base64'), file: '/nonexistent' })).toThrow(
      'ML_CONNECTOR_MASTER_KEY holds a key of 5 bytes',
    );
    expect(
      () =>
        new Keyring({
          masterKey: randomBytes(32).toString('base64'),
          previousKeys: randomBytes(7).toString('base64'),
          file: '/nonexistent',
        }),
    ).toThrow('ML_CONNECTOR_PREVIOUS_KEYS holds a key of 7 bytes');
  });

  it('a truncated keyring names the file and says to restore it', () => {
    const dir = tmp();
    const path = keyringFile(dir, randomBytes(32));
    writeFileSync(path, '{"version":1,"current":"abc","keys":[{"id":"abc","key":"AAA');
    expect(() => new Keyring({ file: path })).toThrow(
      new RegExp(`The keyring file ${path} cannot be read .*damaged or cut short. Restore it from backup`),
    );
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a keyring readable by group or others, with the chmod to run',
    () => {
      const dir = tmp();
      for (const mode of [0o644, 0o640, 0o604]) {
        const path = keyringFile(dir, randomBytes(32), mode);
        expect(() => new Keyring({ file: path })).toThrow(`(mode 0${mode.toString(8)})`);
        expect(() => new Keyring({ file: path })).toThrow(`Run: chmod 600 ${path}`);
      }
      const path = keyringFile(dir, randomBytes(32), 0o600);
      expect(new Keyring({ file: path }).keyIds).toHaveLength(1);
    },
  );

  it('on Windows the mode is not checked; ACL advice is printed instead', () => {
    const path = keyringFile(tmp(), randomBytes(32), 0o644);
    const notes: string[] = [];
    const keyring = new Keyring({ file: path, platform: 'win32', notice: (l) => notes.push(l) });
    expect(keyring.keyIds).toHaveLength(1);
    expect(notes.join('\n')).toMatch(/icacls ".*keyring.json" \/inheritance:r/);
  });

  it('a bad key stops the app before the database is touched: nothing half-written', async () => {
    const dir = tmp();
    keyringFile(dir, randomBytes(5));
    await expect(
      openApp({ env: { ML_CONNECTOR_DATA_DIR: dir, LOG_LEVEL: 'silent' }, notice: () => {} }),
    ).rejects.toThrow('holds a key of 5 bytes');
    expect(readdirSync(dir)).toEqual(['keyring.json']);
    expect(existsSync(join(dir, 'ml-connector.db'))).toBe(false);
  });
});
