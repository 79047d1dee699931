import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { AccountState } from './account-state.js';

/** `--state FILE`: the account is read at start when the file exists, and written (atomically) at stop. */
export async function loadState(file: string, seed: number): Promise<AccountState | null> {
  if (!existsSync(file)) return null;
  const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  return AccountState.fromJSON(data, seed);
}

export async function saveState(file: string, state: AccountState): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(state.toJSON()));
  await rename(temporary, file);
}
