import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../../../store/store.js';

export const SESSION_COOKIE = 'mlc_session';
export const SESSION_TTL_MS = 12 * 3_600_000;

export interface Session {
  /** sha256 of the cookie value: what the store keeps, and the key of per-session memory (flash). */
  idHash: string;
  csrf: string;
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Cookies of the dashboard: HttpOnly, SameSite=Strict, Secure when the request came over https. */
export function cookieOptions(req: FastifyRequest, maxAgeSeconds: number, path = '/') {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: req.protocol === 'https',
    path,
    maxAge: maxAgeSeconds,
  };
}

/**
 * Dashboard sessions: a random cookie value, stored only as its hash with the session's CSRF token, so a
 * copy of the database opens no session. Fixed lifetime (12 hours), then sign in again.
 */
export class Sessions {
  private readonly cache = new WeakMap<FastifyRequest, Session | null>();

  constructor(private readonly store: Store) {}

  async create(req: FastifyRequest, reply: FastifyReply): Promise<Session> {
    await this.store.sessions.purgeExpired().catch(() => {});
    const id = randomBytes(32).toString('base64url');
    const session = { idHash: hashId(id), csrf: randomBytes(32).toString('base64url') };
    await this.store.sessions.create(session.idHash, session.csrf, SESSION_TTL_MS);
    reply.setCookie(SESSION_COOKIE, id, cookieOptions(req, SESSION_TTL_MS / 1000));
    this.cache.set(req, session);
    return session;
  }

  /** The request's session, or null (no cookie, unknown, expired). Read once per request. */
  async read(req: FastifyRequest): Promise<Session | null> {
    if (this.cache.has(req)) return this.cache.get(req) ?? null;
    const id = req.cookies[SESSION_COOKIE];
    let session: Session | null = null;
    if (id && id.length <= 100) {
      const idHash = hashId(id);
      const row = await this.store.sessions.get(idHash);
      if (row) session = { idHash, csrf: row.csrf };
    }
    this.cache.set(req, session);
    return session;
  }

  async destroy(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = await this.read(req);
    if (session) await this.store.sessions.delete(session.idHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    this.cache.set(req, null);
  }
}
