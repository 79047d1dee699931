export type ApiName = 'v1' | 'v2';

export interface StatsSnapshot {
  total: number;
  byApi: Record<ApiName, number>;
  /** `"v1 POST /orders/createorders"` → status → count (routes as registered, not raw URLs; status 0 = dropped). */
  byRoute: Record<string, Record<string, number>>;
  /** Every 429 answered, by the limiter or by a 429-storm fault. */
  rateLimited: number;
  rateLimitedByApi: Record<ApiName, number>;
}

/** Counts of API requests (admin, /jwks and webhook deliveries are not API requests and are not counted). */
export class RequestStats {
  private data: StatsSnapshot = RequestStats.empty();
  /** When each request was answered (epoch ms), per API: the benches measure pace from these. */
  private times: Record<ApiName, number[]> = { v1: [], v2: [] };

  record(api: ApiName, method: string, route: string, status: number): void {
    this.times[api].push(Date.now());
    this.data.total++;
    this.data.byApi[api]++;
    const key = `${api} ${method} ${route}`;
    const statuses = this.data.byRoute[key] ?? {};
    this.data.byRoute[key] = statuses;
    statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    if (status === 429) {
      this.data.rateLimited++;
      this.data.rateLimitedByApi[api]++;
    }
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.data);
  }

  /** Answer times of the API's requests since the last reset, in order. */
  answerTimes(api: ApiName): number[] {
    return [...this.times[api]];
  }

  reset(): void {
    this.times = { v1: [], v2: [] };
    this.data = RequestStats.empty();
  }

  private static empty(): StatsSnapshot {
    return { total: 0, byApi: { v1: 0, v2: 0 }, byRoute: {}, rateLimited: 0, rateLimitedByApi: { v1: 0, v2: 0 } };
  }
}
