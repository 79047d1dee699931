import { createHash } from 'node:crypto';

/** A key's id: the first 8 hex characters of the SHA-256 of the raw key bytes (stored beside every secret). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
