import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash.js';

describe('admin password hash (scrypt)', () => {
  it('verifies the password it was made from, and nothing else', async () => {
    const stored = await hashPassword('blue-harbour-pilot');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('blue-harbour-pilot');
    await expect(verifyPassword('blue-harbour-pilot', stored)).resolves.toBe(true);
    await expect(verifyPassword('Blue-harbour-pilot', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts: the same password gives different hashes', async () => {
    expect(await hashPassword('same-password')).not.toBe(await hashPassword('same-password'));
  });

  it('refuses malformed stored values instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$x$8$1$a$b', 'bcrypt$1$2$3$4$5', 'scrypt$0$8$1$AAAA$AAAA'])
      await expect(verifyPassword('x', bad)).resolves.toBe(false);
  });
});
