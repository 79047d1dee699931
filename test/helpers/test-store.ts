import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/domain/clock.js';
import { openStore, type Store } from '../../src/store/store.js';
import { Keyring } from '../../src/vault/keyring.js';
import { Vault } from '../../src/vault/vault.js';
import { createTestDatabase } from './databases.js';

/** A store on a fresh database of the given kind, with a throw-away key; `close` also drops the database. */
export async function openTestStore(
  kind: 'sqlite' | 'postgres',
  clock: Clock,
): Promise<{ store: Store; close: () => Promise<void> }> {
  const database = await createTestDatabase(kind);
  const keyring = new Keyring({
    masterKey: randomBytes(32).toString('base64'),
    file: join(mkdtempSync(join(tmpdir(), 'mlc-k-')), 'keyring.json'),
  });
  const store = await openStore({ url: database.url, dataDir: '/nonexistent', vault: new Vault(keyring), clock });
  return {
    store,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}
