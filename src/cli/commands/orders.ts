import { type Command, InvalidArgumentError } from 'commander';
import { ORDER_FILTERS, type OrderFilter, orderFilter } from '../../domain/order-filters.js';
import { orderStateWords } from '../../domain/records.js';
import { resolveConnections } from '../connection-arg.js';
import { print, table, withApp } from '../run-command.js';

const CHOICES = ORDER_FILTERS.filter((f) => f.value !== '').map((f) => f.value);

function stateFilter(value: string): OrderFilter {
  const filter = orderFilter(value);
  if (!filter || value === '') throw new InvalidArgumentError(`state must be one of ${CHOICES.join(', ')}.`);
  return filter;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('limit must be a whole number, at least 1.');
  return n;
}

/** The first line of a reason, cut to fit a terminal row (the full text is in `audit order`). */
function short(reason: string | null, width = 60): string {
  const line = (reason ?? '').split('\n')[0] ?? '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

export function registerOrders(program: Command): void {
  program
    .command('orders')
    .description('list orders as the dashboard does: state, ShipStation number, why one waits')
    .option('--state <state>', `only these: ${CHOICES.join(', ')}`, stateFilter)
    .option('--search <text>', 'Sage order number, ShipStation order number or customer (part of it, any case)')
    .option('--connection <name>', 'one connection (default: all)')
    .option('--limit <n>', 'at most this many, newest first', positive, 50)
    .option('--json', 'one JSON object per order')
    .action(
      async (
        opts: { state?: OrderFilter; search?: string; connection?: string; limit: number; json?: boolean },
        command: Command,
      ) => {
        await withApp(command, async (app) => {
          for (const connection of await resolveConnections(app, opts.connection)) {
            const rows = await app.store.records.search({
              connectionId: connection.id,
              kind: 'order',
              ...(opts.state ? { states: opts.state.states } : {}),
              ...(opts.search ? { text: opts.search } : {}),
              limit: opts.limit,
            });
            if (opts.json) {
              for (const r of rows) {
                const { data: _data, ...shown } = r;
                print(JSON.stringify({ connection: connection.name, ...shown }));
              }
              continue;
            }
            const what = opts.state ? ` (${opts.state.label.toLowerCase()})` : '';
            print(`Connection "${connection.name}": ${rows.length} order${rows.length === 1 ? '' : 's'}${what}`);
            if (rows.length === 0) {
              print('  none; `ml-connector status` shows what the flows have done.');
              continue;
            }
            print(
              table(
                ['Order', 'Customer', 'State', 'ShipStation', 'Updated', 'Why'],
                rows.map((r) => [
                  r.display,
                  r.customer ?? '',
                  orderStateWords(r.state),
                  r.ssNumber ?? '',
                  r.updatedAt.replace('T', ' ').slice(0, 16),
                  short(r.reason),
                ]),
              ),
            );
            if (rows.length === opts.limit) print(`  (the newest ${opts.limit}; --limit shows more)`);
            print();
          }
        });
      },
    );
}
