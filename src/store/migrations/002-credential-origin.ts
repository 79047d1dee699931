import { type Kysely, sql } from 'kysely';
import type { DialectCapabilities } from '../database.js';

/**
 * Binds every stored credential to the origin (scheme, host, port) it may be sent to (issue 13): the Sage
 * credentials to the Sage 300 URL's origin, the V1 and V2 keys to theirs. Existing credentials are bound to
 * each connection's URLs as they are now; the webhook token is ours and goes nowhere, so it stays null.
 */
export async function up(db: Kysely<unknown>, _caps: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('credentials').addColumn('origin', 'text').execute();
  const rows = await sql<{
    id: number;
    sage300_url: string | null;
    shipstation_v1_url: string | null;
    shipstation_v2_url: string | null;
  }>`select id, sage300_url, shipstation_v1_url, shipstation_v2_url from connections`.execute(db);
  for (const row of rows.rows) {
    const bindings: Array<[string, string | null]> = [
      ['sage300.%', row.sage300_url],
      ['shipstation.v1.%', row.shipstation_v1_url],
      ['shipstation.v2.%', row.shipstation_v2_url],
    ];
    for (const [kinds, url] of bindings) {
      const origin = originOf(url);
      if (!origin) continue;
      await sql`update credentials set origin = ${origin} where connection_id = ${row.id} and kind like ${kinds}`.execute(
        db,
      );
    }
  }
}

/** Kept here rather than imported: a shipped migration must not change when shared code does. */
function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
