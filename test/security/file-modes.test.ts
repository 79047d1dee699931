import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { writePrivateFile } from '../../src/store/file-modes.js';
import { runCli } from '../helpers/cli.js';

/** Issue 13, point 7: data files are 0600 whatever the umask; `config check` warns about wider ones. */
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('data file modes under umask 022', () => {
  let previous: number;
  beforeAll(() => {
    previous = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previous);
  });

  it('database, WAL, SHM, keyring and exports are created 0600; config check warns when one is wider', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlc-modes-'));
    const app = await openApp({ env: { ML_CONNECTOR_DATA_DIR: dir, LOG_LEVEL: 'silent' }, notice: () => {} });
    const c = await app.store.connections.upsert({ name: 'main', source: 'cli' });
    await app.store.connections.setCredential(c.id, 'shipstation.v2.key', 'a-v2-key-value');
    const db = join(dir, 'ml-connector.db');
    expect({
      db: mode(db),
      wal: mode(`${db}-wal`),
      shm: mode(`${db}-shm`),
      keyring: mode(join(dir, 'keyring.json')),
    }).toEqual({ db: '600', wal: '600', shm: '600', keyring: '600' });
    const exported = join(dir, 'shipments.csv');
    writePrivateFile(exported, 'a,b\n');
    expect(mode(exported)).toBe('600');
    await app.close();

    const quiet = await runCli(['config', 'check'], { env: { ML_CONNECTOR_DATA_DIR: dir } });
    expect(quiet.stderr).not.toContain('readable by group or others');
    chmodSync(db, 0o644);
    const loud = await runCli(['config', 'check'], { env: { ML_CONNECTOR_DATA_DIR: dir } });
    expect(loud.stderr).toContain(`warning: ${db} is readable by group or others (mode 0644)`);
    expect(loud.stderr).toContain(`Run: chmod 600 ${db}`);
  });
});
