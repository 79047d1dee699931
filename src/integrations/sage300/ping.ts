import { type PingCheck, reportingChecks } from '../../domain/ping.js';
import { Sage300Client, type Sage300ClientOptions } from './client.js';
import { checkMetadata, checkOrderUpdates, rightsCheck } from './ping-checks.js';
import { checkCredentials, type PingAbout } from './ping-credentials.js';
import { MODULES, type Module, probe } from './ping-probe.js';

export type { PingAbout } from './ping-credentials.js';

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

/**
 * `ml-connector ping` for a Sage 300 connection: one verdict per check, each with a fix written for the IT
 * person who installs the connector. Nothing is written to Sage: the order-update check PATCHes a key that
 * cannot exist (`OEOrders(-1)`), which answers 404 where PATCH is supported and 405 where it is not.
 * Requests are not retried: ping reports what the server does now.
 */
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
