import type { Command } from 'commander';
import { registerMappingsCheck } from './mappings/check.js';
import { registerMappingsCreateShipVias } from './mappings/create-ship-vias.js';
import { registerMappingsFields } from './mappings/fields.js';
import { registerMappingsList } from './mappings/list.js';
import { registerMappingsSet } from './mappings/set.js';
import { registerMappingsSuggest } from './mappings/suggest.js';

/**
 * `ml-connector mappings list | set | suggest | check | create-ship-vias | fields`: the mapping table between Sage
 * locations / ship-via codes and ShipStation warehouses, services and inventory locations. One file a
 * subcommand, in mappings/.
 */
export function registerMappings(program: Command): void {
  const mappings = program
    .command('mappings')
    .description('map Sage locations and ship-via codes to ShipStation warehouses, services and inventory locations');
  registerMappingsList(mappings);
  registerMappingsSet(mappings);
  registerMappingsSuggest(mappings);
  registerMappingsCheck(mappings);
  registerMappingsCreateShipVias(mappings);
  registerMappingsFields(mappings);
}
