import type { SageModule } from './entity-model.js';
import { SageError } from './sage-error.js';

/**
 * Web API users. Sage 300 stores user IDs in upper case and, on the versions its documentation describes,
 * the password too: "remember to upper case your credentials" (README). So by default the password must
 * arrive exactly as stored (upper case): a lower-case password is refused like a wrong one.
 * `mixedCasePasswords` models newer servers that compare the password as stored, in its own case.
 * The user ID is compared case-insensitively (INFERRED: IDs are stored upper case). ADMIN has no Web API
 * privileges unless `allowAdmin` (README: "The Admin user does not have Sage 300 Web API privileges").
 * Rights are per module: the "Sage 300 Web API" security right of a group (SECHELP).
 */
export interface SimUser {
  user: string;
  password: string;
  modules: readonly SageModule[];
}

export class UserDirectory {
  private readonly users = new Map<string, SimUser>();

  constructor(
    private readonly mixedCasePasswords: boolean,
    private readonly allowAdmin = false,
  ) {}

  add(user: SimUser): void {
    const password = this.mixedCasePasswords ? user.password : user.password.toUpperCase();
    this.users.set(user.user.toUpperCase(), { ...user, user: user.user.toUpperCase(), password });
  }

  /** Returns the user for a valid Basic header, or throws 401 Unauthorized. */
  authenticate(header: string | undefined): SimUser {
    const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
    if (!m) throw unauthorized();
    const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw unauthorized();
    const user = this.users.get(decoded.slice(0, colon).toUpperCase());
    if (!user || user.password !== decoded.slice(colon + 1)) throw unauthorized();
    if (user.user === 'ADMIN' && !this.allowAdmin) throw unauthorized();
    return user;
  }

  authorize(user: SimUser, module: SageModule): void {
    if (!user.modules.includes(module)) {
      throw new SageError(403, 'Forbidden', 'The specified user does not have enough rights to process the request');
    }
  }
}

function unauthorized(): SageError {
  return new SageError(401, 'Unauthorized', 'Invalid credentials used in authentication header');
}
