/**
 * Request counters per client, by endpoint (`POST /orders/createorders`, `GET /v2/labels`): read by the
 * benchmarks ("ShipStation requests per order"), by tests that assert call counts, and by /metrics.
 */
export interface EndpointStats {
  requests: number;
  rateLimited: number;
  retries: number;
  failures: number;
}

export interface ClientStatsSnapshot extends EndpointStats {
  byEndpoint: Record<string, EndpointStats>;
}

export class ClientStats {
  private readonly endpoints = new Map<string, EndpointStats>();

  /** One request sent (whatever came back); `status` undefined when no answer arrived. */
  recordRequest(endpoint: string, status: number | undefined, failed: boolean): void {
    const e = this.entry(endpoint);
    e.requests += 1;
    if (status === 429) e.rateLimited += 1;
    if (failed) e.failures += 1;
  }

  recordRetry(endpoint: string): void {
    this.entry(endpoint).retries += 1;
  }

  snapshot(): ClientStatsSnapshot {
    const byEndpoint: Record<string, EndpointStats> = {};
    const total: EndpointStats = { requests: 0, rateLimited: 0, retries: 0, failures: 0 };
    for (const [endpoint, e] of [...this.endpoints].sort(([a], [b]) => a.localeCompare(b))) {
      byEndpoint[endpoint] = { ...e };
      total.requests += e.requests;
      total.rateLimited += e.rateLimited;
      total.retries += e.retries;
      total.failures += e.failures;
    }
    return { ...total, byEndpoint };
  }

  reset(): void {
    this.endpoints.clear();
  }

  private entry(endpoint: string): EndpointStats {
    let e = this.endpoints.get(endpoint);
    if (!e) {
      e = { requests: 0, rateLimited: 0, retries: 0, failures: 0 };
      this.endpoints.set(endpoint, e);
    }
    return e;
  }
}

/** `GET /orders/123456` → `GET /orders/{id}`, `PUT /v2/shipments/se-1/cancel` → `PUT /v2/shipments/{id}/cancel`. */
export function endpointKey(method: string, path: string): string {
  const normalized = path
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) || /^se-[a-z0-9-]+$/i.test(segment) ? '{id}' : segment))
    .join('/');
  return `${method} ${normalized}`;
}
