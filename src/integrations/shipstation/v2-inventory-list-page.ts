import { z } from 'zod';
import type { InventoryListPage } from './v2-inventory-reader.js';

/** The envelope of a V2 inventory list answer around its `key` array (`total`, `page`, `pages`, `links.next`). */
export function inventoryListPageSchema<T extends z.ZodType>(key: string, item: T) {
  return z.looseObject({
    [key]: z.array(item),
    total: z.number().nullish(),
    page: z.number().nullish(),
    pages: z.number().nullish(),
    links: z.looseObject({ next: z.looseObject({ href: z.string().nullish() }).nullish() }).nullish(),
  });
}

/** One parsed answer as a page: its items, counts, and the query of `links.next.href` (resolved against `baseUrl`). */
export function toInventoryListPage<T>(
  body: Record<string, unknown>,
  key: string,
  baseUrl: string,
): InventoryListPage<T> {
  const href = (body['links'] as { next?: { href?: string | null } | null } | null | undefined)?.next?.href;
  return {
    items: body[key] as T[],
    page: (body['page'] as number | null | undefined) ?? null,
    pages: (body['pages'] as number | null | undefined) ?? null,
    total: (body['total'] as number | null | undefined) ?? null,
    nextQuery: href ? Object.fromEntries(new URL(href, baseUrl).searchParams) : null,
  };
}
