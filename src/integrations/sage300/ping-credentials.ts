import type { PingCheck } from '../../domain/ping.js';
import { Sage300Client, type Sage300ClientOptions } from './client.js';
import { type Probe, probe } from './ping-probe.js';

/**
 * The credentials check of `ml-connector ping`: a 401 is tried once in the other letter case, to say which
 * fix applies.
 */
export async function checkCredentials(
  client: Sage300Client,
  options: Sage300ClientOptions,
  first: Probe,
  about: PingAbout,
): Promise<{ ok: boolean; check: PingCheck }> {
  const id = 'sage300.credentials';
  const label = 'Credentials';
  if (first.sageCode === 'DBLinkError') {
    return {
      ok: false,
      check: {
        id,
        label,
        status: 'fail',
        detail: first.message,
        fix: `Check the company org ID at the end of the URL (now ${client.company}).`,
      },
    };
  }
  if (first.status !== 401) {
    return { ok: true, check: { id, label, status: 'pass', detail: 'the Sage 300 user signed in' } };
  }
  const keepCase = options.keepCase ?? false;
  // The other case is tried only when it is another password: an all-upper-case one has a single case.
  const other = keepCase ? options.password.toUpperCase() : options.password;
  const sent = keepCase ? options.password : options.password.toUpperCase();
  if (other === sent) return { ok: false, check: { id, label, status: 'fail', ...oneCaseWords(options, about) } };
  const retried = await probe(new Sage300Client({ ...options, keepCase: !keepCase, retry: { maxAttempts: 1 } }), 'OE');
  return { ok: false, check: { id, label, status: 'fail', ...otherCaseWords(options, about, retried) } };
}

/** What ping knows beyond the client's options: the connection's name, for the commands it suggests. */
export interface PingAbout {
  connectionName?: string;
}

const CHECK_USER =
  'Check the user and password in Sage 300 Administrative Services → Users. The ADMIN user has no Web API access unless AllowWebApiAccessForAdmin is true in the Web API web.config files.';

/** The command that stores the Sage half again, with or without --keep-case (the password is typed on stdin). */
function connectCommand(options: Sage300ClientOptions, about: PingAbout, keepCase: boolean): string {
  const name = about.connectionName ?? '<connection>';
  const url = options.baseUrl.replace(/\/+$/, '');
  return `ml-connector connect sage300 --name ${name} --url ${url} --user ${options.user} --password-stdin${keepCase ? ' --keep-case' : ''}`;
}

/** Sage refused the password in the case it was sent, and the case tried next told ping more (or did not). */
function otherCaseWords(
  options: Sage300ClientOptions,
  about: PingAbout,
  retried: Probe,
): Pick<PingCheck, 'detail' | 'fix'> {
  const keepCase = options.keepCase ?? false;
  const sent = keepCase ? 'as typed' : 'in upper case';
  const tried = keepCase ? 'in upper case' : 'as typed';
  if (retried.network) {
    return {
      detail: `Sage 300 refused the user and password sent ${sent} (401 Unauthorized); sending them ${tried} could not be tried: ${retried.message}`,
      fix: `${CHECK_USER} Then ping again.`,
    };
  }
  if (retried.status === 401) {
    return {
      detail: `Sage 300 refused the user and password (401 Unauthorized) in either letter case: ${sent} and ${tried}.`,
      fix: CHECK_USER,
    };
  }
  if (keepCase) {
    return {
      detail: 'Sage 300 refused the user and password as typed, and accepted them in upper case.',
      fix: `Sage 300 wants upper-case credentials: store them again without --keep-case (the connector then sends them upper-cased): ${connectCommand(options, about, false)}`,
    };
  }
  return {
    detail:
      'Sage 300 refused the password in upper case (as the connector sends it by default) and accepted it as typed: this server compares passwords as typed.',
    fix: `The server accepts the password as typed: store it again with --keep-case (the connector then sends it as typed): ${connectCommand(options, about, true)}`,
  };
}

/**
 * Sage refused a password that has one letter case only (no lower-case letters), so no other case was
 * tried. A password stored upper-cased by an earlier version of the connector looks just like this:
 * its typed case is lost, and a server that compares as typed needs it entered again with --keep-case.
 */
function oneCaseWords(options: Sage300ClientOptions, about: PingAbout): Pick<PingCheck, 'detail' | 'fix'> {
  const refused = 'Sage 300 refused the user and password (401 Unauthorized).';
  if (options.keepCase) {
    return {
      detail: `${refused} They were sent as typed; the password has no lower-case letters, so no other letter case was tried.`,
      fix: CHECK_USER,
    };
  }
  if (!/\p{L}/u.test(options.password)) {
    return {
      detail: `${refused} The password has no letters, so its letter case is not the cause; one case was tried.`,
      fix: CHECK_USER,
    };
  }
  return {
    detail: `${refused} The stored password is all upper case, so only one letter case was tried (upper case, as Sage 300 expects).`,
    fix:
      `${CHECK_USER} If the real password has lower-case letters and this server compares passwords as typed ` +
      '(an earlier version of the connector stored passwords upper-cased, so the typed case is not known), ' +
      `the password may need entering again exactly as typed with --keep-case: ${connectCommand(options, about, true)}`,
  };
}
