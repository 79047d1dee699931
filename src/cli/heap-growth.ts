import { setFlagsFromString } from 'node:v8';

/** After each full collection V8 lets the old generation grow to (1 + this / 100) × what survived it. */
export const HEAP_GROWING_PERCENT = 50;

const HEAP_FLAG = /^--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|max[-_]heap[-_]size)\b/;

/** Whether the operator sized the heap (node's command line or NODE_OPTIONS): then theirs wins. */
export function heapSizedByOperator(execArgv: readonly string[], nodeOptions: string): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => HEAP_FLAG.test(a));
}

/**
 * Keeps a worker's memory flat however long its backlog. V8 sizes its heap for the machine: with a few GB
 * of RAM it lets the old generation grow to up to four times what survived the last full collection. A
 * pass holds one page of orders (about 40 MB live in all), but each page's objects outlive a few
 * scavenges while they wait on Sage, the store and ShipStation, so they are promoted and pile up as
 * garbage until the next full collection, and the limit crept up with the backlog: peak RSS 247 MB at
 * 10,000 orders, 295 MB at 50,000. Held to 1.5×, full collections come sooner and the heap stays near
 * what is live (figures in bench/orders.ts). The flag is read at every collection, so it takes effect
 * when set at start-up.
 */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env['NODE_OPTIONS'] ?? '',
): boolean {
  if (heapSizedByOperator(execArgv, nodeOptions)) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
