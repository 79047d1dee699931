import { isConnectorError } from '../../domain/errors.js';
import type { PingCheck } from '../../domain/ping.js';
import type { Sage300Client } from './client.js';
import { Sage300ApiError } from './errors.js';
import { MODULES, type Module, type Probe } from './ping-probe.js';
import { RIGHTS_PROBES, SAGE300_REQUIRED } from './required.js';

/** The checks of `ml-connector ping` once the user signed in: Web API rights per module, $metadata, order updates. */
export function rightsCheck(module: Module, p: Probe, user: string): PingCheck {
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

export async function checkMetadata(client: Sage300Client, rights: Map<Module, boolean>): Promise<PingCheck> {
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

export async function checkOrderUpdates(client: Sage300Client): Promise<PingCheck> {
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
