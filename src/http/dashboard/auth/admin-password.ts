import { randomBytes } from 'node:crypto';
import type { App } from '../../../app.js';
import { sameSecret } from '../../same-secret.js';
import { hashPassword, verifyPassword } from './password-hash.js';

// Re-exported for the auth modules that compare tokens; the one implementation is in http/same-secret.ts.
export { sameSecret };

export const PASSWORD_KEY = 'dashboard.admin_password';
export const MIN_PASSWORD_LENGTH = 8;

/**
 * The one admin password: ADMIN_PASSWORD from the configuration wins; otherwise the scrypt hash set
 * through the one-time setup link (kept in the store, so every process of a scaled-out install agrees).
 */
export class AdminPassword {
  constructor(private readonly app: App) {}

  async source(): Promise<'config' | 'stored' | null> {
    if (this.app.config.ADMIN_PASSWORD) return 'config';
    return (await this.app.store.kv.get(PASSWORD_KEY)) ? 'stored' : null;
  }

  async verify(password: string): Promise<boolean> {
    const configured = this.app.config.ADMIN_PASSWORD;
    if (configured) return sameSecret(password, configured);
    const stored = await this.app.store.kv.get(PASSWORD_KEY);
    if (!stored) {
      // Same cost as a real check, so timing does not tell whether a password is set.
      await verifyPassword(password, await hashPassword(randomBytes(8).toString('hex')));
      return false;
    }
    return verifyPassword(password, stored);
  }

  async set(password: string): Promise<void> {
    await this.app.store.kv.set(PASSWORD_KEY, await hashPassword(password));
  }
}
