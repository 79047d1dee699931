import { contentHash } from '../../domain/content-hash.js';
import type { ResolvedFieldMapping } from '../../domain/field-mapping.js';
import type { SageOrder } from '../../domain/sage.js';
import { isDefaultFieldMapping } from '../../mapping/field-mapping.js';

/**
 * The content hash of a Sage order as the edits scan compares it. The header and optional fields the field
 * mapping may read count only under a chosen mapping, and then with the mapping itself: a changed mapping
 * makes every open order look changed, so the next edits pass re-plans them and updates those whose
 * ShipStation fields differ (the outbound hash decides). Under the defaults the hash is what it was before
 * the field mapping existed.
 */
export function sageOrderHash(order: SageOrder, fields: ResolvedFieldMapping): string {
  const { headerFields, optionalFields, ...rest } = order;
  if (isDefaultFieldMapping(fields)) return contentHash(rest);
  return contentHash({ order: rest, fields, headerFields, optionalFields });
}
