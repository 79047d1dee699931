import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { Mapping, MappingKind, MappingStatus, MappingTarget } from '../domain/mappings.js';
import type { ReferenceItem } from '../domain/reference-item.js';
import type { Database } from './schema.js';

export type { ReferenceItem } from '../domain/reference-item.js';

/** The mapping table and the snapshot of both systems' reference data it is built from. */
export class MappingsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(connectionId: number, kind?: MappingKind): Promise<Mapping[]> {
    let q = this.db.selectFrom('mappings').selectAll().where('connection_id', '=', connectionId);
    if (kind) q = q.where('kind', '=', kind);
    const rows = await q.orderBy('kind').orderBy('sage_value').execute();
    return rows.map((r) => ({
      connectionId: Number(r.connection_id),
      kind: r.kind as MappingKind,
      sageValue: r.sage_value,
      target: r.target ? (JSON.parse(r.target) as MappingTarget) : null,
      status: r.status as MappingStatus,
      source: r.source as Mapping['source'],
      updatedAt: r.updated_at,
    }));
  }

  async get(connectionId: number, kind: MappingKind, sageValue: string): Promise<Mapping | undefined> {
    return (await this.list(connectionId, kind)).find((m) => m.sageValue === sageValue);
  }

  async set(
    connectionId: number,
    kind: MappingKind,
    sageValue: string,
    status: MappingStatus,
    target: MappingTarget | null,
    source: Mapping['source'],
  ): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    const t = target ? JSON.stringify(target) : null;
    await this.db
      .insertInto('mappings')
      .values({ connection_id: connectionId, kind, sage_value: sageValue, target: t, status, source, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['connection_id', 'kind', 'sage_value']).doUpdateSet({ target: t, status, source, updated_at: now }),
      )
      .execute();
    if (status === 'mapped' || status === 'skip') {
      // Orders held back for an unmapped value may go now: due at the next orders poll, not in 5 minutes.
      await this.db
        .updateTable('records')
        .set({ next_attempt_at: null })
        .where('connection_id', '=', connectionId)
        .where('state', '=', 'held')
        .execute();
    }
  }

  async remove(connectionId: number, kind: MappingKind, sageValue: string): Promise<void> {
    await this.db
      .deleteFrom('mappings')
      .where('connection_id', '=', connectionId)
      .where('kind', '=', kind)
      .where('sage_value', '=', sageValue)
      .execute();
  }

  /** Replaces one system's snapshot of one kind (what the reference flow last read). */
  async replaceReference(
    connectionId: number,
    system: ReferenceItem['system'],
    kind: string,
    items: ReferenceItem[],
  ): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('reference_items')
        .where('connection_id', '=', connectionId)
        .where('system', '=', system)
        .where('kind', '=', kind)
        .execute();
      for (let i = 0; i < items.length; i += 50) {
        await tx
          .insertInto('reference_items')
          .values(
            items.slice(i, i + 50).map((it) => ({
              connection_id: connectionId,
              system,
              kind,
              value: it.value,
              label: it.label,
              data: JSON.stringify(it.data ?? {}),
              seen_at: now,
            })),
          )
          .execute();
      }
    });
  }

  async reference(connectionId: number, system?: ReferenceItem['system'], kind?: string): Promise<ReferenceItem[]> {
    let q = this.db.selectFrom('reference_items').selectAll().where('connection_id', '=', connectionId);
    if (system) q = q.where('system', '=', system);
    if (kind) q = q.where('kind', '=', kind);
    const rows = await q.orderBy('kind').orderBy('value').execute();
    return rows.map((r) => ({
      system: r.system as ReferenceItem['system'],
      kind: r.kind,
      value: r.value,
      label: r.label,
      data: JSON.parse(r.data),
    }));
  }
}
