import { createHash, randomBytes } from 'node:crypto';
import type { App } from '../../../app.js';
import { AdminPassword, sameSecret } from './admin-password.js';

export const SETUP_KEY = 'dashboard.setup_token';
/** How long a printed setup link works; a restart prints a new one (and the old one stops working). */
export const SETUP_TTL_MS = 24 * 3_600_000;

interface StoredToken {
  hash: string;
  expiresAt: number;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Called by `start` before the service listens. When no admin password exists yet (no ADMIN_PASSWORD, none
 * set before), makes a one-time setup token, keeps only its hash, and returns the path to print on the
 * console: whoever reads the console (the person who installed the service) sets the password, not
 * whoever reaches the page first. Each call replaces the previous token.
 */
export async function prepareAdminAccess(app: App): Promise<{ setupUrlPath?: string }> {
  if (await new AdminPassword(app).source()) {
    await app.store.kv.delete(SETUP_KEY);
    return {};
  }
  const token = randomBytes(24).toString('base64url');
  const stored: StoredToken = { hash: hashToken(token), expiresAt: app.clock.now() + SETUP_TTL_MS };
  await app.store.kv.set(SETUP_KEY, JSON.stringify(stored));
  return { setupUrlPath: `/setup/${token}` };
}

/** True when `token` is the pending setup token, not expired, and no password has been set since. */
export async function setupTokenValid(app: App, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  if (await new AdminPassword(app).source()) return false;
  const raw = await app.store.kv.get(SETUP_KEY);
  if (!raw) return false;
  let stored: StoredToken;
  try {
    stored = JSON.parse(raw) as StoredToken;
  } catch {
    return false;
  }
  return stored.expiresAt > app.clock.now() && sameSecret(hashToken(token), stored.hash);
}

export async function consumeSetupToken(app: App): Promise<void> {
  await app.store.kv.delete(SETUP_KEY);
}
