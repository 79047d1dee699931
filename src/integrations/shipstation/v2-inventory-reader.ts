/** One page of a V2 inventory list as the server sent it. */
export interface InventoryListPage<T> {
  items: T[];
  page: number | null;
  pages: number | null;
  total: number | null;
  /** The query of `links.next.href`, when the answer has one. */
  nextQuery: Record<string, string> | null;
}

export interface GuardedReadOptions<T> {
  pageSize: number;
  /** What makes two records the same record (a repeated page is recognised by it). */
  keyOf: (item: T) => string;
  /** Called once when the server answers a later page with records already seen (it ignores `page`). */
  onPageIgnored: () => void;
  /** A bound on requests, whatever the server says. */
  maxPages?: number;
}

/** How a guarded read ended: `complete` unless the server ignored `page` with records still unread. */
export interface GuardedReadResult {
  complete: boolean;
  seen: number;
}

/**
 * Reads a V2 inventory list so that it can neither loop nor stop early (issue 14). The published document
 * lists only `limit`; the guides page with `page`/`page_size`. Each request sends `page`, `page_size` and
 * `limit`; `links.next.href` is followed when the answer has it, else `page` counts up to `pages`. A page that
 * adds no new record ends the read; when that page repeats records already seen, the server ignored `page`:
 * the caller is told once and the result says whether records may be unread, so it can read narrower.
 */
export async function readGuarded<T>(
  fetchPage: (query: Record<string, string>) => Promise<InventoryListPage<T>>,
  base: Record<string, string | undefined>,
  onRecords: (items: T[]) => void | Promise<void>,
  options: GuardedReadOptions<T>,
): Promise<GuardedReadResult> {
  const size = String(options.pageSize);
  const seen = new Set<string>();
  const plain = Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as Record<string, string>;
  let query: Record<string, string> = { ...plain, page: '1', page_size: size, limit: size };
  let total: number | null = null;
  for (let n = 1; n <= (options.maxPages ?? 10_000); n++) {
    const answer = await fetchPage(query);
    total = answer.total ?? total;
    const fresh = answer.items.filter((item) => !seen.has(options.keyOf(item)));
    for (const item of fresh) seen.add(options.keyOf(item));
    if (fresh.length > 0) await onRecords(fresh);
    if (fresh.length === 0 || answer.items.length === 0) {
      if (answer.items.length > 0 && n > 1) {
        options.onPageIgnored();
        return { complete: total !== null && seen.size >= total, seen: seen.size };
      }
      return { complete: true, seen: seen.size };
    }
    if (answer.nextQuery) {
      query = { ...answer.nextQuery, page_size: answer.nextQuery['page_size'] ?? size, limit: size };
      continue;
    }
    const last = answer.pages ?? (total === null ? n : Math.ceil(total / options.pageSize));
    if (n >= last) {
      // A short read that claims to be the last page while the total says more: the server capped the page.
      const short = total !== null && seen.size < total;
      if (short) options.onPageIgnored();
      return { complete: !short, seen: seen.size };
    }
    query = { ...query, page: String(n + 1) };
  }
  return { complete: false, seen: seen.size };
}
