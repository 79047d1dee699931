import { isConnectorError } from '../../domain/errors.js';
import { type PingCheck, reportingChecks } from '../../domain/ping.js';
import { Sage300Client, type Sage300ClientOptions } from './client.js';
import { Sage300ApiError } from './errors.js';
import { RIGHTS_PROBES, SAGE300_REQUIRED } from './required.js';

/**
 * `ml-connector ping` for a Sage 300 connection: one verdict per check, each with a fix written for the IT
 * person who installs the connector. Nothing is written to Sage: the order-update check PATCHes a key that
 * cannot exist (`OEOrders(-1)`), which answers 404 where PATCH is supported and 405 where it is not.
 * Requests are not retried: ping reports what the server does now.
 */
type Module = 'OE' | 'AR' | 'IC';
const MODULES: readonly Module[] = ['OE', 'AR', 'IC'];

interface Probe {
  ok: boolean;
  status?: number;
  sageCode?: string | undefined;
  message: string;
  network?: boolean;
  code?: string;
}

/** A network failure in the words a person acts on: where it failed and what to check there. */
export function unreachableWords(code: string | undefined, url: string, timeoutMs: number, fallback: string): string {
  let where = url;
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {}
  switch (code) {
    case 'connection_refused':
      return `connection refused at ${where}: is the Sage 300 Web API site running?`;
    case 'host_not_found':
      return `no server named ${where.replace(/:\d+$/, '')} was found: check the host name in the URL`;
    case 'timeout':
      return `no answer from ${where} within ${Math.round(timeoutMs / 1000)} s: is the server on, and does a firewall let this machine reach it?`;
    case 'connection_reset':
      return `the connection to ${where} was closed before an answer: check the URL's scheme (http or https) and the IIS binding`;
    default:
      return fallback;
  }
}

async function probe(client: Sage300Client, module: Module): Promise<Probe> {
  const { resource, key } = RIGHTS_PROBES[module];
  try {
    const r = await client.request('GET', `${module}/${resource}?$top=1&$select=${key}`, { retry: false });
    return { ok: true, status: r.status, message: `answered in ${Math.round(r.elapsedMs)} ms` };
  } catch (error) {
    if (error instanceof Sage300ApiError) {
      return { ok: false, status: error.status, sageCode: error.sageCode, message: error.message };
    }
    const code = isConnectorError(error) ? error.code : undefined;
    return {
      ok: false,
      network: true,
      message: isConnectorError(error) ? error.message : String(error),
      ...(code ? { code } : {}),
    };
  }
}

export async function pingSage300(
  target: Sage300Client | Sage300ClientOptions,
  onCheck?: (check: PingCheck) => void,
  about: PingAbout = {},
): Promise<PingCheck[]> {
  const client = target instanceof Sage300Client ? target : new Sage300Client(target);
  const options = client.settings;
  const checks = reportingChecks(onCheck);
  const skip = (id: string, label: string, why: string) => checks.push({ id, label, status: 'skip', detail: why });

  const first = await probe(client, 'OE');
  if (first.network || (first.status === 404 && !first.sageCode)) {
    checks.push({
      id: 'sage300.reachability',
      label: 'Reachability',
      status: 'fail',
      detail: first.network
        ? unreachableWords(
            first.code,
            client.baseUrl,
            options.coldStartTimeoutMs ?? options.timeoutMs ?? 60_000,
            first.message,
          )
        : `${client.baseUrl} answered, but not as the Sage 300 Web API (${first.message})`,
      fix: 'Check the URL (it looks like https://server/Sage300WebApi/v1.0/-/COMPANY), that IIS and the Sage 300 Web API are running, and that this machine can reach the server.',
    });
    for (const [id, label] of [
      ['sage300.credentials', 'Credentials'],
      ...MODULES.map((m) => [`sage300.rights.${m}`, `Web API rights for ${m}`]),
      ['sage300.metadata', 'Resources and properties'],
      ['sage300.order-updates', 'Order updates'],
    ] as const) {
      skip(id, label, 'the server could not be reached');
    }
    return checks;
  }
  checks.push({
    id: 'sage300.reachability',
    label: 'Reachability',
    status: 'pass',
    detail: `${client.baseUrl} answered`,
  });

  const credentials = await checkCredentials(client, options, first, about);
  checks.push(credentials.check);
  if (!credentials.ok) {
    for (const m of MODULES) skip(`sage300.rights.${m}`, `Web API rights for ${m}`, 'the credentials were refused');
    skip('sage300.metadata', 'Resources and properties', 'the credentials were refused');
    skip('sage300.order-updates', 'Order updates', 'the credentials were refused');
    return checks;
  }

  const rights = new Map<Module, boolean>();
  for (const m of MODULES) {
    const p = m === 'OE' ? first : await probe(client, m);
    rights.set(m, p.ok);
    checks.push(rightsCheck(m, p, options.user));
  }
  checks.push(await checkMetadata(client, rights));
  if (rights.get('OE')) checks.push(await checkOrderUpdates(client));
  else skip('sage300.order-updates', 'Order updates', 'no Web API rights for OE');
  return checks;
}

async function checkCredentials(
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

function rightsCheck(module: Module, p: Probe, user: string): PingCheck {
  const id = `sage300.rights.${module}`;
  const label = `Web API rights for ${module}`;
  if (p.ok) return { id, label, status: 'pass', detail: `${RIGHTS_PROBES[module].resource} can be read` };
  if (p.status === 403) {
    return {
      id,
      label,
      status: 'fail',
      detail: `the connector's user has no Sage 300 Web API right for ${module} (403 Forbidden)`,
      fix: `In Sage 300: Administrative Services → Security Groups → a ${module} group → tick "Sage 300 Web API"; then User Authorizations → give the connector's user that group for ${module}.`,
    };
  }
  return {
    id,
    label,
    status: 'fail',
    detail: p.message,
    fix: 'See the message from Sage 300; ping again when it is fixed.',
  };
}

async function checkMetadata(client: Sage300Client, rights: Map<Module, boolean>): Promise<PingCheck> {
  const id = 'sage300.metadata';
  const label = 'Resources and properties';
  const missing: string[] = [];
  const unavailable: string[] = [];
  const checked: string[] = [];
  for (const m of MODULES) {
    if (!rights.get(m)) continue;
    let model: Awaited<ReturnType<Sage300Client['metadata']>>;
    try {
      model = await client.metadata(m);
    } catch (error) {
      return {
        id,
        label,
        status: 'fail',
        detail: `${m}/$metadata: ${isConnectorError(error) ? error.message : String(error)}`,
        fix: 'Check that the Sage 300 Web API answers $metadata for this module.',
      };
    }
    for (const req of SAGE300_REQUIRED.filter((r) => r.module === m)) {
      checked.push(req.resource);
      const props = model.entitySets.get(req.resource);
      if (!props) {
        if (req.optional) unavailable.push(`${m}/${req.resource} (needed for ${req.optional.feature})`);
        else missing.push(`${m}/${req.resource}`);
        continue;
      }
      for (const p of req.properties) if (!props.has(p)) missing.push(`${m}/${req.resource}.${p}`);
      if (req.details) {
        const detail = model.types.get(req.details.type);
        for (const p of req.details.properties)
          if (!detail?.has(p)) missing.push(`${m}/${req.resource}.${req.details.type}.${p}`);
      }
    }
  }
  if (missing.length) {
    return {
      id,
      label,
      status: 'fail',
      detail: `missing from $metadata: ${missing.join(', ')}`,
      fix: 'This Sage 300 version or its modules do not serve what the connector needs; check the O/E, A/R and I/C Web API endpoints are installed (Web Screens) and activated.',
    };
  }
  if (unavailable.length) {
    return {
      id,
      label,
      status: 'warn',
      detail: `not served by this Sage 300: ${unavailable.join(', ')}`,
      fix: 'The rest works; that feature stays off until Sage 300 serves the resource.',
    };
  }
  return { id, label, status: 'pass', detail: `${checked.join(', ')} have every property the connector uses` };
}

async function checkOrderUpdates(client: Sage300Client): Promise<PingCheck> {
  const id = 'sage300.order-updates';
  const label = 'Order updates';
  try {
    await client.request('PATCH', 'OE/OEOrders(-1)', { body: {}, retry: false });
    return {
      id,
      label,
      status: 'warn',
      detail: 'PATCH OEOrders(-1) succeeded, which no order should allow.',
      fix: 'Report this to the connector maintainers.',
    };
  } catch (error) {
    if (error instanceof Sage300ApiError && error.status === 404) {
      return {
        id,
        label,
        status: 'pass',
        detail: 'PATCH on OEOrders is supported (a key that cannot exist answered 404; nothing was written)',
      };
    }
    if (error instanceof Sage300ApiError && error.status === 405) {
      return {
        id,
        label,
        status: 'fail',
        detail:
          'This Sage 300 answers 405 MethodNotAllowed to PATCH on OEOrders (as Sage 300 2022 and earlier do): shipments cannot be written back to Sage orders automatically.',
        fix: 'Shipments will queue in the connector, nothing is lost: export them with "ml-connector shipments export" and import the file in O/E Shipment Entry, or upgrade Sage 300 to a version that accepts PATCH on OEOrders.',
      };
    }
    return {
      id,
      label,
      status: 'warn',
      detail: `PATCH OEOrders(-1) answered unexpectedly: ${isConnectorError(error) ? error.message : String(error)}`,
      fix: 'Shipment write-back may not work; ping again, and check the Sage 300 Web API logs.',
    };
  }
}
