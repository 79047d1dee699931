import { isConnectorError } from '../../domain/errors.js';
import type { Sage300Client } from './client.js';
import { Sage300ApiError } from './errors.js';
import { RIGHTS_PROBES } from './required.js';

/** The Sage 300 modules ping checks the Web API rights of, each by one read (`RIGHTS_PROBES`). */
export type Module = 'OE' | 'AR' | 'IC';
export const MODULES: readonly Module[] = ['OE', 'AR', 'IC'];

export interface Probe {
  ok: boolean;
  status?: number;
  sageCode?: string | undefined;
  message: string;
  network?: boolean;
  code?: string;
}

/** One unretried read of a module (ping reports what the server does now): its answer, or why it failed. */
export async function probe(client: Sage300Client, module: Module): Promise<Probe> {
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
