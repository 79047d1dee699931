/** One page of a paged list, as both APIs describe it. */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

export interface PageOptions {
  pageSize?: number;
  /** Stop after this many pages (the caller pages on from `startPage` later). */
  maxPages?: number;
  startPage?: number;
}

/**
 * A lazily fetched paged list: iterate it for records, or `.pages()` for whole pages (to save a cursor
 * only after a page is durably recorded). Each page is one request through the rate budget.
 */
export class PagedList<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: (page: number) => Promise<Page<T>>,
    private readonly pageSize: number,
    private readonly options: PageOptions = {},
  ) {}

  async *pages(): AsyncGenerator<Page<T>> {
    const first = this.options.startPage ?? 1;
    for (let n = first; ; n++) {
      if (this.options.maxPages !== undefined && n - first >= this.options.maxPages) return;
      const page = await this.fetchPage(n);
      yield page;
      // Docs examples show `pages: 0` next to `total: 2` (V1 sheet §5): fall back on the total then.
      const last = page.pages > 0 ? page.pages : Math.ceil(page.total / this.pageSize);
      if (page.items.length === 0 || n >= last) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}
