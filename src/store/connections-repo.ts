import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import {
  type Connection,
  type ConnectionSettings,
  CREDENTIAL_KINDS,
  type CredentialKind,
} from '../domain/connection.js';
import { VaultKeyMissingError } from '../domain/errors.js';
import { bindCredential, originOf } from '../integrations/credential-origins.js';
import { registerBasicPair, registerSecret } from '../observability/scrub.js';
import type { Vault } from '../vault/vault.js';
import type { ConnectionPatch, ConnectionRow, Database } from './schema.js';

export interface ConnectionUpsert {
  name: string;
  sage300?: Connection['sage300'];
  shipstation?: Connection['shipstation'];
  settings?: ConnectionSettings;
  source: Connection['source'];
}

export interface CredentialStatus {
  kind: CredentialKind;
  keyId: string;
  /** False when this process lacks the key the credential was sealed with. */
  readable: boolean;
}

/** Connections and their sealed credentials. Plaintext exists only in memory, only when asked for. */
export class ConnectionsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** Creates the connection or fills in the halves given (sage300 / shipstation / settings), keeping the rest. */
  async upsert(input: ConnectionUpsert): Promise<Connection> {
    const now = this.now();
    const existing = await this.getByName(input.name);
    if (!existing) {
      await this.db
        .insertInto('connections')
        .values({
          name: input.name,
          sage300_url: input.sage300?.url ?? null,
          sage300_company: input.sage300?.company ?? null,
          sage300_keep_case: input.sage300?.keepCase ? 1 : 0,
          shipstation_v1_url: input.shipstation?.v1Url ?? null,
          shipstation_v2_url: input.shipstation?.v2Url ?? null,
          shipstation_orders_api: input.shipstation?.ordersApi ?? null,
          settings: JSON.stringify(input.settings ?? {}),
          source: input.source,
          created_at: now,
          updated_at: now,
        })
        .execute();
    } else {
      const patch: ConnectionPatch = { updated_at: now };
      if (input.sage300) {
        patch.sage300_url = input.sage300.url;
        patch.sage300_company = input.sage300.company;
        patch.sage300_keep_case = input.sage300.keepCase ? 1 : 0;
      }
      if (input.shipstation) {
        patch.shipstation_v1_url = input.shipstation.v1Url;
        patch.shipstation_v2_url = input.shipstation.v2Url;
        patch.shipstation_orders_api = input.shipstation.ordersApi;
      }
      if (input.settings) patch.settings = JSON.stringify({ ...existing.settings, ...input.settings });
      await this.db.updateTable('connections').set(patch).where('id', '=', existing.id).execute();
    }
    const saved = await this.getByName(input.name);
    if (!saved) throw new Error(`connection ${input.name} vanished while saving`);
    return saved;
  }

  async updateSettings(id: number, settings: ConnectionSettings): Promise<void> {
    await this.db
      .updateTable('connections')
      .set({ settings: JSON.stringify(settings), updated_at: this.now() })
      .where('id', '=', id)
      .execute();
  }

  async getByName(name: string): Promise<Connection | undefined> {
    const row = await this.db.selectFrom('connections').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toConnection(row) : undefined;
  }

  async getById(id: number): Promise<Connection | undefined> {
    const row = await this.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toConnection(row) : undefined;
  }

  async list(): Promise<Connection[]> {
    const rows = await this.db.selectFrom('connections').selectAll().orderBy('name').execute();
    return rows.map(toConnection);
  }

  async delete(id: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('credentials').where('connection_id', '=', id).execute();
      await tx.deleteFrom('connections').where('id', '=', id).execute();
    });
  }

  /**
   * Seals a secret bound to the origin of the connection's URL for its kind as it is now (set the URL first):
   * the secret is only ever sent there (credential-origins.ts).
   */
  async setCredential(connectionId: number, kind: CredentialKind, plaintext: string): Promise<void> {
    const { keyId, sealed } = this.vault.seal(plaintext, associatedData(connectionId, kind));
    const connection = await this.getById(connectionId);
    const origin = connection ? originFor(connection, kind) : null;
    const now = this.now();
    await this.db
      .insertInto('credentials')
      .values({ connection_id: connectionId, kind, key_id: keyId, sealed, origin, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['connection_id', 'kind']).doUpdateSet({ key_id: keyId, sealed, origin, updated_at: now }),
      )
      .execute();
  }

  /** The origin a stored credential was entered for: undefined when none is stored, null when bound to none. */
  async credentialOrigin(connectionId: number, kind: CredentialKind): Promise<string | null | undefined> {
    const row = await this.db
      .selectFrom('credentials')
      .select('origin')
      .where('connection_id', '=', connectionId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row ? row.origin : undefined;
  }

  async deleteCredential(connectionId: number, kind: CredentialKind): Promise<void> {
    await this.db
      .deleteFrom('credentials')
      .where('connection_id', '=', connectionId)
      .where('kind', '=', kind)
      .execute();
  }

  /** The plaintext, or undefined when not stored. Throws VaultKeyMissingError when it cannot be opened. */
  async getCredential(connectionId: number, kind: CredentialKind): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('credentials')
      .select(['key_id', 'sealed', 'origin'])
      .where('connection_id', '=', connectionId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    if (!row) return undefined;
    const plaintext = this.vault.open({ keyId: row.key_id, sealed: row.sealed }, associatedData(connectionId, kind));
    // Opened secrets are bound before anyone can use them, so httpRequest refuses them to other origins,
    // and known to the scrubber, so no echo of them reaches a message, a log or a stored ping.
    if (kind !== 'webhook.token') bindCredential(plaintext, row.origin);
    // The Sage user alone is no secret (and often a plain word such as WEBAPI); with its password it is.
    if (kind !== 'sage300.user') registerSecret(plaintext);
    return plaintext;
  }

  async credentials(connectionId: number): Promise<Partial<Record<CredentialKind, string>>> {
    const out: Partial<Record<CredentialKind, string>> = {};
    for (const kind of CREDENTIAL_KINDS) {
      const value = await this.getCredential(connectionId, kind);
      if (value !== undefined) out[kind] = value;
    }
    registerBasicPair(out['sage300.user'], out['sage300.password']);
    registerBasicPair(out['shipstation.v1.key'], out['shipstation.v1.secret']);
    return out;
  }

  /** Which credentials a connection has and whether this process can open them (for `connections`). */
  async credentialStatus(connectionId: number): Promise<CredentialStatus[]> {
    const rows = await this.db
      .selectFrom('credentials')
      .select(['kind', 'key_id', 'sealed'])
      .where('connection_id', '=', connectionId)
      .orderBy('kind')
      .execute();
    return rows.map((r) => {
      let readable = true;
      try {
        this.vault.open({ keyId: r.key_id, sealed: r.sealed }, associatedData(connectionId, r.kind));
      } catch (error) {
        if (!(error instanceof VaultKeyMissingError)) throw error;
        readable = false;
      }
      return { kind: r.kind as CredentialKind, keyId: r.key_id, readable };
    });
  }

  async keyIdsInUse(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('credentials').select('key_id').distinct().execute();
    return new Set(rows.map((r) => r.key_id));
  }

  /**
   * Re-seals every credential under the vault's current key, in one transaction: a crash leaves either
   * all old or all new. Returns how many were re-encrypted; throws (changing nothing) if any cannot be opened.
   */
  async resealAll(): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const rows = await tx.selectFrom('credentials').selectAll().execute();
      const now = this.now();
      for (const r of rows) {
        const ad = associatedData(r.connection_id, r.kind);
        const plaintext = this.vault.open({ keyId: r.key_id, sealed: r.sealed }, ad);
        const { keyId, sealed } = this.vault.seal(plaintext, ad);
        await tx
          .updateTable('credentials')
          .set({ key_id: keyId, sealed, updated_at: now })
          .where('connection_id', '=', r.connection_id)
          .where('kind', '=', r.kind)
          .execute();
      }
      return rows.length;
    });
  }
}

/** The URL whose origin a credential kind belongs to; the webhook token belongs to none. */
export function originFor(connection: Connection, kind: CredentialKind): string | null {
  if (kind.startsWith('sage300.')) return originOf(connection.sage300?.url ?? '');
  if (kind.startsWith('shipstation.v1.')) return originOf(connection.shipstation?.v1Url ?? '');
  if (kind.startsWith('shipstation.v2.')) return originOf(connection.shipstation?.v2Url ?? '');
  return null;
}

function associatedData(connectionId: number, kind: string): string {
  return `ml-connector:credential:${connectionId}:${kind}`;
}

function toConnection(row: ConnectionRow): Connection {
  return {
    id: Number(row.id),
    name: row.name,
    sage300:
      row.sage300_url && row.sage300_company
        ? { url: row.sage300_url, company: row.sage300_company, keepCase: row.sage300_keep_case === 1 }
        : null,
    shipstation:
      row.shipstation_v1_url || row.shipstation_v2_url
        ? {
            v1Url: row.shipstation_v1_url ?? '',
            v2Url: row.shipstation_v2_url ?? '',
            ordersApi:
              row.shipstation_orders_api === 'v1' || row.shipstation_orders_api === 'v2'
                ? row.shipstation_orders_api
                : null,
          }
        : null,
    settings: JSON.parse(row.settings) as ConnectionSettings,
    source: row.source as Connection['source'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
