import type { ServiceTarget } from '../../domain/mappings.js';
import type { FlowContext, FlowOutcome, PlannedWrite, ShippingReference } from '../ports.js';
import type { ShipViaWriter } from './ports.js';
import { shipViaCode, shipViaName } from './ship-via-code.js';

export interface CreatedShipVia {
  code: string;
  name: string;
  service: string;
  /** `created`: a new code; `linked`: a code with this name was there already (an earlier run). */
  how: 'created' | 'linked';
}

/**
 * Optional (CREATE_MISSING_SHIP_VIAS, off by default): for each ShipStation service that no Sage ship-via
 * is mapped (or suggested) to, create an OEShipViaCodes record in Sage and map it to the service.
 *
 * Idempotent although Sage's POST is not: the created code is mapped at once, and before creating, a code
 * already named for the service (an earlier run that crashed between the POST and the mapping, or whose
 * answer was lost) is mapped instead of making another. So a second run creates nothing.
 */
export async function createMissingShipVias(
  ctx: FlowContext,
  ports: { writer: ShipViaWriter; reference: ShippingReference },
): Promise<FlowOutcome & { created: CreatedShipVia[] }> {
  const id = ctx.connection.id;
  const [services, existing, mappings] = await Promise.all([
    ports.reference.services(),
    ports.writer.shipVias(),
    ctx.store.mappings.list(id, 'ship_via'),
  ]);
  const covered = new Set(
    mappings
      .filter((m) => (m.status === 'mapped' || m.status === 'suggested') && m.target && 'serviceCode' in m.target)
      .map((m) => serviceKey(m.target as ServiceTarget)),
  );
  const taken = new Set(existing.map((v) => v.code.toUpperCase()));
  const byName = new Map(existing.map((v) => [v.name, v.code]));
  const created: CreatedShipVia[] = [];
  const planned: PlannedWrite[] = [];
  const counts: Record<string, number> = { services: services.length, covered: 0, created: 0, linked: 0 };
  for (const service of services) {
    const key = serviceKey(service);
    if (covered.has(key)) {
      counts['covered']!++;
      continue;
    }
    covered.add(key);
    const name = shipViaName(service);
    const target: ServiceTarget = {
      carrierCode: service.carrierCode,
      serviceCode: service.serviceCode,
      name: service.name,
    };
    const already = byName.get(name);
    const code = already ?? shipViaCode(service.carrierCode, service.serviceCode, taken);
    if (ctx.dryRun) {
      planned.push({
        system: 'sage300',
        action: already ? 'map ship-via' : 'create ship-via',
        key: code,
        summary: `${code} "${name}" → ${key}`,
        body: { Code: code, Name: name },
      });
      continue;
    }
    let how: CreatedShipVia['how'] = 'linked';
    if (!already) {
      // A 409 means someone took the code since we read the list: it is not ours, so pick another.
      let candidate = code;
      while ((await ports.writer.createShipVia(candidate, name)) === 'exists') {
        taken.add(candidate);
        candidate = shipViaCode(service.carrierCode, service.serviceCode, taken);
      }
      taken.add(candidate);
      byName.set(name, candidate);
      how = 'created';
      created.push({ code: candidate, name, service: key, how });
      await record(ctx, candidate, name, key, how, target);
      continue;
    }
    created.push({ code, name, service: key, how });
    await record(ctx, code, name, key, how, target);
  }
  counts['created'] = created.filter((c) => c.how === 'created').length;
  counts['linked'] = created.filter((c) => c.how === 'linked').length;
  return { counts, planned, created };
}

async function record(
  ctx: FlowContext,
  code: string,
  name: string,
  key: string,
  how: CreatedShipVia['how'],
  target: ServiceTarget,
): Promise<void> {
  await ctx.store.mappings.set(ctx.connection.id, 'ship_via', code, 'mapped', target, 'auto');
  await ctx.store.audit.append({
    connectionId: ctx.connection.id,
    recordKind: 'ship_via',
    recordKey: code,
    display: code,
    event: how === 'created' ? 'ship_via_created' : 'ship_via_linked',
    message:
      how === 'created'
        ? `Created ship-via ${code} "${name}" in Sage 300 for ShipStation service ${key}, and mapped it.`
        : `Ship-via ${code} "${name}" (made by an earlier run) mapped to ShipStation service ${key}.`,
    data: { code, name, service: key },
  });
}

function serviceKey(s: { carrierCode: string; serviceCode: string }): string {
  return `${s.carrierCode}:${s.serviceCode}`;
}
