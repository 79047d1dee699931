import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.js';
import { Keyring } from '../vault/keyring.js';
import { keysReloadFiles, requestKeysReload } from './keys-reload-request.js';
import { KeysReloadWatcher } from './keys-reload-watcher.js';

/** Issue 16 point 8: the files of `keys reload`, the service's side of it, and a keyring that is gone. */
const tmp = () => mkdtempSync(join(tmpdir(), 'mlc-keys-reload-'));
const answer = { ok: true, currentKeyId: 'abcd1234', keyIds: ['abcd1234'], fromEnvironment: false };

describe('keys reload files', () => {
  it('are built with the platform path module (Windows paths with path.win32)', () => {
    expect(keysReloadFiles('C:\\ProgramData\\ml-connector', path.win32)).toEqual({
      request: 'C:\\ProgramData\\ml-connector\\keys-reload.request',
      outcome: 'C:\\ProgramData\\ml-connector\\keys-reload.outcome',
    });
    expect(keysReloadFiles('/var/lib/mlc', path.posix).request).toBe('/var/lib/mlc/keys-reload.request');
  });

  it('a request is answered by the watcher with the outcome, and removed', async () => {
    const dir = tmp();
    let reloads = 0;
    const watcher = new KeysReloadWatcher(
      dir,
      () => {
        reloads++;
        return answer;
      },
      silentLogger(),
      20,
    );
    watcher.start();
    try {
      const result = await requestKeysReload(dir, { timeoutMs: 10_000, pollMs: 10 });
      expect(result.status).toBe('done');
      expect(result.status === 'done' && result.outcome).toMatchObject({ ...answer, pid: process.pid });
      expect(reloads).toBe(1);
      expect(existsSync(keysReloadFiles(dir).request)).toBe(false);
    } finally {
      watcher.stop();
    }
  });

  it('a request file that is not one is left alone and nothing is reloaded', () => {
    const dir = tmp();
    const { request, outcome } = keysReloadFiles(dir);
    writeFileSync(request, 'not json');
    let reloads = 0;
    const reload = () => {
      reloads++;
      return answer;
    };
    new KeysReloadWatcher(dir, reload, silentLogger()).check();
    expect(reloads).toBe(0);
    expect(existsSync(outcome)).toBe(false);
    expect(readFileSync(request, 'utf8')).toBe('not json');
  });
});

describe('keyring reload', () => {
  it('keeps the keys in hand when the keyring file is gone', () => {
    const dir = tmp();
    const file = join(dir, 'keyring.json');
    const keyring = new Keyring({ file });
    const id = keyring.addCurrentKey(randomBytes(32));
    rmSync(file);
    expect(() => keyring.reload()).toThrow(`The keyring file ${file} is gone; the keys read before are kept.`);
    expect(keyring.currentKeyId).toBe(id);
    expect(keyring.key(id)).toBeDefined();
  });
});
