import type { ResolvedCustomsSettings } from '../domain/connection.js';
import type { OutboundCustoms, OutboundCustomsItem, OutboundItem } from '../domain/outbound-order.js';
import type { Problem } from '../domain/result.js';
import type { SageItem } from '../domain/sage.js';
import { normaliseCountry } from './country.js';
import { problems } from './problems.js';

/** One mapped order line with the Sage item it is of, as the customs declaration needs them. */
export interface CustomsLine {
  item: OutboundItem;
  sage: SageItem;
}

/**
 * The country an order ships from: the connection's setting for its warehouse, else the warehouse's origin
 * address as ShipStation shows it (reference data), else the connection's ship-from country.
 */
export function shipFromCountry(
  settings: ResolvedCustomsSettings,
  warehouseId: string | null,
  known?: (warehouseId: string) => string | undefined,
): string {
  const own = warehouseId ? (settings.warehouseCountries?.[warehouseId] ?? known?.(warehouseId)) : undefined;
  return (own ?? settings.shipFromCountry).toUpperCase();
}

/**
 * The customs declaration of an order shipping from `from` to `to`: none when both are the same country (or
 * customs are off); otherwise one line per order line, from the Sage item's optional fields named by the
 * settings. Every value ShipStation needs that Sage lacks is a problem naming the item and the field, so the
 * order is held rather than sent with a declaration a carrier refuses.
 */
export function mapCustoms(
  orderNumber: string,
  lines: readonly CustomsLine[],
  from: string,
  to: string,
  settings: ResolvedCustomsSettings,
  found: Problem[],
): OutboundCustoms | undefined {
  if (!settings.enabled || from === to) return undefined;
  const items: OutboundCustomsItem[] = [];
  for (const { item, sage } of lines) {
    const fields = sage.optionalFields ?? {};
    const tariffCode = (fields[settings.tariffCodeField] ?? '').trim();
    const originText = (fields[settings.countryOfOriginField] ?? '').trim();
    const origin = originText ? normaliseCountry(originText) : null;
    const lineProblems: Problem[] = [];
    if (!tariffCode)
      lineProblems.push(
        problems.customsFieldMissing(orderNumber, sage.formatted, 'tariff code', settings.tariffCodeField),
      );
    if (!originText) {
      lineProblems.push(
        problems.customsFieldMissing(orderNumber, sage.formatted, 'country of origin', settings.countryOfOriginField),
      );
    } else if (!origin) {
      lineProblems.push(
        problems.customsOriginUnknown(orderNumber, sage.formatted, settings.countryOfOriginField, originText),
      );
    }
    if (!(item.unitPrice > 0))
      lineProblems.push(problems.customsValueMissing(orderNumber, sage.formatted, item.lineKey));
    if (lineProblems.length > 0) {
      found.push(...lineProblems);
      continue;
    }
    items.push({
      lineKey: item.lineKey,
      sku: item.sku,
      // The goods as Sage describes them (the order line name may add the selling unit).
      description: (sage.description || item.name || sage.formatted).slice(0, 100),
      quantity: item.quantity,
      value: item.unitPrice,
      tariffCode,
      countryOfOrigin: origin!,
    });
  }
  return { contents: settings.contents, nonDelivery: settings.nonDelivery, items };
}
