import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time comparison of two secrets of any length: both are hashed first, so neither the bytes nor
 * the lengths leak through timing. For tokens, session CSRF values and passwords from the configuration.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
