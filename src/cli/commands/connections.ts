import type { Command } from 'commander';
import { print, table, withApp } from '../run-command.js';

export function registerConnections(program: Command): void {
  program
    .command('connections')
    .description('list connections and the state of their stored credentials (never the secrets)')
    .action(async (_opts, command: Command) => {
      await withApp(command, async (app) => {
        const list = await app.store.connections.list();
        if (list.length === 0) {
          print(
            'No connections yet. Add one with "ml-connector connect sage300 ..." and "ml-connector connect shipstation ...".',
          );
          return;
        }
        const rows: string[][] = [];
        const problems: string[] = [];
        for (const c of list) {
          const creds = await app.store.connections.credentialStatus(c.id);
          const kinds = new Set(creds.map((k) => k.kind));
          const shipstation = [kinds.has('shipstation.v1.key') ? 'V1' : '', kinds.has('shipstation.v2.key') ? 'V2' : '']
            .filter(Boolean)
            .join('+');
          const unreadable = creds.filter((k) => !k.readable);
          rows.push([
            c.name,
            c.sage300 ? `${c.sage300.company} at ${new URL(c.sage300.url).host}` : '(not set)',
            shipstation || '(not set)',
            unreadable.length === 0 ? 'ok' : `UNREADABLE (${unreadable.length})`,
            c.source,
          ]);
          if (unreadable.length > 0) {
            const keyIds = [...new Set(unreadable.map((u) => u.keyId))].join(', ');
            const halves = new Set(
              unreadable.map((u) =>
                u.kind.startsWith('sage300') ? 'sage300' : u.kind.startsWith('shipstation') ? 'shipstation' : 'webhook',
              ),
            );
            problems.push(
              `Connection "${c.name}": ${unreadable.map((u) => u.kind).join(', ')} were encrypted with key ${keyIds}, which this process does not have. ` +
                `Restore that key, or re-enter them: ${
                  [...halves]
                    .filter((h) => h !== 'webhook')
                    .map((h) => `ml-connector connect ${h} --name ${c.name} ...`)
                    .join(' and ') || `ml-connector connect ... --name ${c.name}`
                }.`,
            );
          }
        }
        print(table(['NAME', 'SAGE 300', 'SHIPSTATION', 'CREDENTIALS', 'SOURCE'], rows));
        for (const p of problems) print(`\n${p}`);
        return problems.length > 0 ? 1 : 0;
      });
    });
}
