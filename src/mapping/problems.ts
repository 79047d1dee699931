import type { Problem } from '../domain/result.js';

/**
 * Every reason the orders flow holds an order back, worded for the person who fixes it: the value that
 * is wrong and the command (or Sage screen) that fixes it.
 */
export const problems = {
  noShipToAddress: (orderNumber: string, missing: string[]): Problem => ({
    code: 'no_ship_to_address',
    message: `Order ${orderNumber} has no usable ship-to address (missing ${missing.join(', ')}).`,
    fix: `Complete the ship-to address of order ${orderNumber} in Sage 300 (Order Entry, Ship-To tab); it is sent on the next run.`,
  }),
  unknownCountry: (orderNumber: string, country: string): Problem => ({
    code: 'unknown_country',
    message: `Order ${orderNumber} ships to country "${country}", which is not a country name or ISO code.`,
    fix: `Correct the ship-to country of order ${orderNumber} in Sage 300 (e.g. "United States", "US" or "Canada").`,
  }),
  itemNotFound: (orderNumber: string, item: string, lineNumber: number): Problem => ({
    code: 'item_not_found',
    message: `Order ${orderNumber} line ${lineNumber}: item ${item} is not in Sage 300's item list (IC Items).`,
    fix: `Add item ${item} in Sage 300 Inventory Control or correct the line; then retry the order.`,
  }),
  fractionalQuantity: (orderNumber: string, item: string, lineNumber: number, quantity: number): Problem => ({
    code: 'fractional_quantity',
    message: `Order ${orderNumber} line ${lineNumber}: ${quantity} stocking units of ${item} is not a whole number, and ShipStation quantities are whole numbers.`,
    fix: `Change the quantity of line ${lineNumber} in Sage 300 to a whole number of stocking units.`,
  }),
  unknownWeightUnit: (orderNumber: string, item: string, unit: string): Problem => ({
    code: 'unknown_weight_unit',
    message: `Order ${orderNumber}: item ${item} has weight unit "${unit}", which is not pounds, ounces, grams or kilograms.`,
    fix: `Set the weight unit of item ${item} in Sage 300 to lbs., oz, g or kg.`,
  }),
  unmappedShipVia: (orderNumber: string, code: string, description: string): Problem => ({
    code: 'unmapped_ship_via',
    message: `Order ${orderNumber} uses ship-via ${code}${description ? ` (${description})` : ''}, which is not mapped to a ShipStation carrier service.`,
    fix: `Map it: ml-connector mappings set ship_via ${code} --service <carrier>:<service> (or --skip if it does not ship through ShipStation), or accept a suggestion with "ml-connector mappings suggest --accept".`,
  }),
  noShipVia: (orderNumber: string): Problem => ({
    code: 'no_ship_via',
    message: `Order ${orderNumber} has no ship-via code.`,
    fix: `Set a ship-via code on order ${orderNumber} in Sage 300, or map the blank ship-via: ml-connector mappings set ship_via "" --service <carrier>:<service>.`,
  }),
  unmappedLocation: (orderNumber: string, location: string): Problem => ({
    code: 'unmapped_location',
    message: `Order ${orderNumber} ships from Sage location ${location}, which is not mapped to a ShipStation warehouse.`,
    fix: `Map it: ml-connector mappings set location ${location} --warehouse <ShipStation warehouse id or name>.`,
  }),
  orderKeyTooLong: (orderNumber: string, key: string): Problem => ({
    code: 'order_key_too_long',
    message: `Order ${orderNumber}: its ShipStation key ${key} is longer than ShipStation's 50 characters.`,
    fix: 'Shorten the company or order number; this order cannot be sent as is.',
  }),
  customsFieldMissing: (orderNumber: string, item: string, what: string, field: string): Problem => ({
    code: 'customs_field_missing',
    message: `Order ${orderNumber} ships abroad and needs a customs declaration: item ${item} has no ${what} (I/C item optional field ${field}).`,
    fix: `Fill in optional field ${field} of item ${item} in Sage 300 (Inventory Control, Items, Optional Fields); the order is sent on the next run.`,
  }),
  customsOriginUnknown: (orderNumber: string, item: string, field: string, value: string): Problem => ({
    code: 'customs_origin_unknown',
    message: `Order ${orderNumber}: item ${item} has country of origin "${value}" (optional field ${field}), which is not a country name or ISO code.`,
    fix: `Correct optional field ${field} of item ${item} in Sage 300 (Inventory Control, Items, Optional Fields), e.g. "US", "CN" or "Canada".`,
  }),
  customsValueMissing: (orderNumber: string, item: string, lineKey: string): Problem => ({
    code: 'customs_value_missing',
    message: `Order ${orderNumber} line ${lineKey}: item ${item} has no price, and a customs declaration needs a declared value above zero.`,
    fix: `Enter the price of line ${lineKey} (item ${item}) on order ${orderNumber} in Sage 300.`,
  }),
} as const;
