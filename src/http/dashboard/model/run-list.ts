import { z } from 'zod';
import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import { type FlowRun, RUN_RESULTS } from '../../../domain/flow-run.js';
import { FLOWS } from '../../../runtime/flows/registry.js';

export const RUNS_PAGE_SIZE = 100;

/** The flows the Runs page filters by: the registry's, as the Flows page lists them. */
export const RUN_FLOWS: readonly string[] = FLOWS.map((f) => f.name);

/** The Runs page's filters; '' is "all". */
export interface RunsFilter {
  flow: string;
  result: string;
  page: number;
}

const filterSchema = z.object({
  flow: z
    .string()
    .refine((f) => RUN_FLOWS.includes(f))
    .catch(''),
  result: z.enum(RUN_RESULTS).or(z.literal('')).catch(''),
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
});

/** The filters from the query string; an unknown flow or result shows all rather than an error. */
export function runsFilter(query: unknown): RunsFilter {
  return filterSchema.parse({ flow: '', result: '', page: 0, ...(query && typeof query === 'object' ? query : {}) });
}

/** A page of a connection's passes, newest first, filtered on the server. */
export function runList(app: App, c: Connection, filter: RunsFilter): Promise<FlowRun[]> {
  return app.store.flowRuns.list({
    connectionId: c.id,
    ...(filter.flow ? { flow: filter.flow } : {}),
    ...(filter.result ? { result: filter.result as FlowRun['result'] } : {}),
    limit: RUNS_PAGE_SIZE,
    offset: filter.page * RUNS_PAGE_SIZE,
  });
}
