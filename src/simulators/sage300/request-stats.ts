/**
 * Request counts per `METHOD MODULE/Resource` (`(key)` appended for single-entity requests) and per status,
 * so benchmarks can state "Sage requests per order" and tests can prove a read used one request.
 */
export interface StatsSnapshot {
  total: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
}

export class RequestStats {
  private total = 0;
  private byRoute = new Map<string, number>();
  private byStatus = new Map<number, number>();

  record(route: string, status: number): void {
    this.total += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return {
      total: this.total,
      byRoute: Object.fromEntries([...this.byRoute].sort()),
      byStatus: Object.fromEntries([...this.byStatus].map(([k, v]) => [String(k), v])),
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
    this.byStatus.clear();
  }
}
