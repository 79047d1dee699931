import { z } from 'zod';
import type { App } from '../../../app.js';
import { assertSameOrigin, connectSage300, connectShipStation, normaliseUrl } from '../../../connections/connect.js';
import { type Connection, type CredentialKind, DEFAULT_V1_URL } from '../../../domain/connection.js';
import { ConnectorError } from '../../../domain/errors.js';

/** The connection form as posted (zod at the boundary). Secrets are never trimmed of inner spaces. */
export const connectionFormSchema = z.object({
  name: z.string().trim().default(''),
  isNew: z.string().optional(),
  sage300Url: z.string().trim().default(''),
  sage300User: z.string().trim().default(''),
  sage300Password: z.string().default(''),
  keepCase: z.string().optional(),
  v1ApiKey: z.string().trim().default(''),
  v1ApiSecret: z.string().trim().default(''),
  v2ApiKey: z.string().trim().default(''),
  v1Url: z.string().trim().default(''),
  v2Url: z.string().trim().default(''),
  ordersApi: z.enum(['', 'v1', 'v2']).catch(''),
});
export type ConnectionForm = z.infer<typeof connectionFormSchema>;

export interface SaveResult {
  connection: Connection;
  notes: string[];
}

/** A problem the person can fix in the form, in the form's words. */
export class FormProblem extends Error {}

async function stored(app: App, connection: Connection | undefined, kind: CredentialKind): Promise<string | undefined> {
  if (!connection) return undefined;
  return app.store.connections.getCredential(connection.id, kind).catch(() => undefined);
}

/**
 * Saves what the form holds through the same functions as `ml-connector connect` (same validation; the
 * password stored as typed). A blank secret keeps the stored one, so ticking or unticking "Keep letter
 * case" alone changes how it is sent; a half left entirely blank is left as it is.
 */
export async function saveConnectionForm(app: App, form: ConnectionForm): Promise<SaveResult> {
  const existing = form.name ? await app.store.connections.getByName(form.name) : undefined;
  if (form.isNew && existing)
    throw new FormProblem(`A connection named "${form.name}" exists already: edit it from the Connections page.`);
  const notes: string[] = [];
  const sageTyped = !!(form.sage300Url || form.sage300User || form.sage300Password);
  const shipTyped = !!(form.v1ApiKey || form.v1ApiSecret || form.v2ApiKey);
  if (!sageTyped && !shipTyped && !existing)
    throw new FormProblem('Fill in the Sage 300 part, the ShipStation part, or both.');
  try {
    if (sageTyped) notes.push(...(await saveSage(app, form, existing)));
    if (shipTyped || existing?.shipstation) notes.push(...(await saveShipStation(app, form, existing)));
  } catch (error) {
    throw error instanceof ConnectorError ? new FormProblem(formWords(error)) : error;
  }
  const connection = await app.store.connections.getByName(form.name);
  if (!connection) throw new FormProblem('Nothing was saved: fill in at least one part of the connection.');
  return { connection, notes };
}

async function saveSage(app: App, form: ConnectionForm, existing: Connection | undefined): Promise<string[]> {
  if (!form.sage300Url) throw new FormProblem('Enter the Sage 300 Web API URL.');
  if (existing && (!form.sage300User || !form.sage300Password))
    await assertSameOrigin(
      app.store,
      existing,
      'sage300.password',
      normaliseUrl(form.sage300Url, 'The Sage 300 URL'),
      'The Sage 300 URL',
      'the Sage 300 user and password',
    );
  const user = form.sage300User || (await stored(app, existing, 'sage300.user'));
  const password = form.sage300Password || (await stored(app, existing, 'sage300.password'));
  if (!user) throw new FormProblem('Enter the Sage 300 user.');
  if (password === undefined || password === '') throw new FormProblem('Enter the Sage 300 password.');
  const { notes } = await connectSage300(app.store, {
    name: form.name,
    url: form.sage300Url,
    user,
    password,
    keepCase: !!form.keepCase,
    source: 'dashboard',
  });
  return notes.map((n) =>
    n.replace('run the command again with --keep-case', 'tick "Keep letter case" and save again'),
  );
}

async function saveShipStation(app: App, form: ConnectionForm, existing: Connection | undefined): Promise<string[]> {
  // One of key/secret typed, the other stored: keep the stored one (a blank field means "keep").
  const keyTyped = !!(form.v1ApiKey || form.v1ApiSecret);
  if (existing && keyTyped && (!form.v1ApiKey || !form.v1ApiSecret))
    await assertSameOrigin(
      app.store,
      existing,
      'shipstation.v1.key',
      normaliseUrl(form.v1Url || existing.shipstation?.v1Url || DEFAULT_V1_URL, 'The ShipStation V1 URL'),
      'The V1 URL',
      '--api-key and --api-secret',
    );
  const apiKey = keyTyped ? form.v1ApiKey || (await stored(app, existing, 'shipstation.v1.key')) : undefined;
  const apiSecret = keyTyped ? form.v1ApiSecret || (await stored(app, existing, 'shipstation.v1.secret')) : undefined;
  const { notes } = await connectShipStation(app.store, {
    name: form.name,
    apiKey,
    apiSecret,
    v2ApiKey: form.v2ApiKey || undefined,
    v1Url: form.v1Url || undefined,
    v2Url: form.v2Url || undefined,
    ordersApi: form.ordersApi === '' ? null : form.ordersApi,
    source: 'dashboard',
  });
  return notes;
}

/** The connect functions speak in command-line options; the form has fields. */
function formWords(error: ConnectorError): string {
  switch (error.code) {
    case 'incomplete_v1':
      return 'The V1 API needs both the V1 API key and the V1 API secret.';
    case 'missing_keys':
      if (error.message.includes('orders-api v1')) return 'Sending orders through V1 needs the V1 API key and secret.';
      if (error.message.includes('orders-api v2')) return 'Sending orders through V2 needs the V2 API key.';
      return 'Enter ShipStation keys: the V1 API key and secret, and/or the V2 API key.';
    case 'missing_user':
      return 'Enter the Sage 300 user.';
    case 'secrets_needed_for_new_origin':
      return error.message
        .replace('--api-key and --api-secret', 'the V1 API key and secret')
        .replace('--v2-api-key', 'the V2 API key');
    default:
      return error.message.replace(/; give them as options\./, '; enter them in the fields below.');
  }
}
