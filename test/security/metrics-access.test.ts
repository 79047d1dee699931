import { afterAll, describe, expect, it } from 'vitest';
import { type DashboardService, startDashboardService } from '../dashboard/dashboard-service.js';

/**
 * Issue 13, point 8: /metrics names connections and volumes. With ADMIN_PORT it is served on the admin
 * listener only; on a single listener METRICS_TOKEN makes it ask for `Authorization: Bearer <token>`;
 * without a token it stays open, as before.
 */
const TOKEN = 'metrics-token-0123456789';

describe('/metrics access', () => {
  const started: DashboardService[] = [];
  afterAll(async () => {
    await Promise.all(started.map((d) => d.stop()));
  });
  const start = async (env: Record<string, string>) => {
    const d = await startDashboardService({ env });
    started.push(d);
    return d;
  };

  it('with ADMIN_PORT: on the admin listener, not the public one', async () => {
    const d = await start({ ADMIN_PORT: '0', ADMIN_HOST: '127.0.0.2' });
    expect(d.url).not.toBe(d.publicUrl);
    expect((await fetch(`${d.publicUrl}/metrics`)).status).toBe(404);
    const admin = await fetch(`${d.url}/metrics`);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('# HELP');
    expect((await fetch(`${d.publicUrl}/healthz`)).status).toBe(200);
  });

  it('one listener with METRICS_TOKEN: Bearer required; wrong or missing is 401', async () => {
    const d = await start({ METRICS_TOKEN: TOKEN });
    expect((await fetch(`${d.publicUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${d.publicUrl}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const ok = await fetch(`${d.publicUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# HELP');
  });

  it('one listener without a token: open, as documented', async () => {
    const d = await start({});
    expect((await fetch(`${d.publicUrl}/metrics`)).status).toBe(200);
  });
});
