import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worstStatus } from '../../src/domain/ping.js';
import { pingSage300 } from '../../src/integrations/sage300/ping.js';
import { DEMO_SAGE_MIXED_PASSWORD, DEMO_SAGE_MIXED_USER } from '../../src/simulators/demo-world.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';

/** `pingSage300` against the simulator in its different guises. */
let normal: Sage300Simulator;
let legacy: Sage300Simulator;
let mixed: Sage300Simulator;
beforeAll(async () => {
  [normal, legacy, mixed] = await Promise.all([
    startSage300Simulator({ seed: 'empty', users: [{ user: 'ORDERSONLY', password: 'X', modules: ['OE', 'AR'] }] }),
    startSage300Simulator({ seed: 'empty', legacy2022: true }),
    startSage300Simulator({ seed: 'empty', mixedCasePasswords: true, password: 'webapi2' }),
  ]);
});
afterAll(async () => {
  await Promise.all([normal?.stop(), legacy?.stop(), mixed?.stop()]);
});

const byId = (checks: Awaited<ReturnType<typeof pingSage300>>) => Object.fromEntries(checks.map((c) => [c.id, c]));

describe('pingSage300', () => {
  it('passes every check against the simulator', async () => {
    const checks = await pingSage300({ baseUrl: normal.baseUrl, user: 'webapi', password: 'webapi' });
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['sage300.reachability', 'pass'],
      ['sage300.credentials', 'pass'],
      ['sage300.rights.OE', 'pass'],
      ['sage300.rights.AR', 'pass'],
      ['sage300.rights.IC', 'pass'],
      ['sage300.metadata', 'pass'],
      ['sage300.order-updates', 'pass'],
    ]);
    expect(worstStatus(checks)).toBe('pass');
  });

  it('with --legacy-2022 reports that order updates are not allowed, and why that matters', async () => {
    const checks = byId(await pingSage300({ baseUrl: legacy.baseUrl, user: 'WEBAPI', password: 'WEBAPI' }));
    const updates = checks['sage300.order-updates'];
    expect(updates?.status).toBe('fail');
    expect(updates?.detail).toMatch(/405 MethodNotAllowed/);
    expect(updates?.detail).toMatch(/shipments cannot be written back/);
    expect(updates?.fix).toMatch(/ml-connector shipments export/);
    expect(checks['sage300.metadata']?.status).toBe('pass');
    expect(legacy.state.orders).toHaveLength(0);
  });

  it('a password the server keeps in lower case: tells the user to store it again with --keep-case', async () => {
    const checks = byId(await pingSage300({ baseUrl: mixed.baseUrl, user: 'webapi', password: 'webapi2' }));
    expect(checks['sage300.credentials']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/accepts the password as typed: store it again with --keep-case/),
    });
    expect(checks['sage300.rights.OE']?.status).toBe('skip');
    const ok = byId(await pingSage300({ baseUrl: mixed.baseUrl, user: 'webapi', password: 'webapi2', keepCase: true }));
    expect(ok['sage300.credentials']?.status).toBe('pass');
  });

  it('credentials typed in lower case with --keep-case against a server that wants upper case', async () => {
    const checks = byId(
      await pingSage300({ baseUrl: normal.baseUrl, user: 'webapi', password: 'webapi', keepCase: true }),
    );
    expect(checks['sage300.credentials']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/wants upper-case credentials/),
    });
  });

  it('a wrong password in either case: both cases were really sent', async () => {
    normal.stats.reset();
    const checks = byId(await pingSage300({ baseUrl: normal.baseUrl, user: 'WEBAPI', password: 'nope' }));
    expect(checks['sage300.credentials']).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/either letter case: in upper case and as typed/),
    });
    expect(normal.stats.snapshot().byStatus).toEqual({ '401': 2 });
  });

  it('the mixed-case account under --mixed-case-passwords: upper case refused, as typed accepted, --keep-case offered', async () => {
    const options = { baseUrl: mixed.baseUrl, user: DEMO_SAGE_MIXED_USER, password: DEMO_SAGE_MIXED_PASSWORD };
    const checks = byId(await pingSage300(options, undefined, { connectionName: 'acme' }));
    expect(checks['sage300.credentials']).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/refused the password in upper case .* and accepted it as typed/),
      fix: expect.stringContaining(
        `ml-connector connect sage300 --name acme --url ${mixed.baseUrl} --user WEBAPI2 --password-stdin --keep-case`,
      ),
    });
    expect(checks['sage300.credentials']?.detail).not.toMatch(/either letter case/);
    expect(worstStatus(Object.values(checks))).toBe('fail');
    const all = JSON.stringify(checks);
    for (const secret of [DEMO_SAGE_MIXED_PASSWORD, DEMO_SAGE_MIXED_PASSWORD.toUpperCase()])
      expect(all).not.toContain(secret);
    const kept = await pingSage300({ ...options, keepCase: true });
    expect(worstStatus(kept)).toBe('pass');
    // Where the server wants upper case, the same typed password works with the default settings.
    expect(worstStatus(await pingSage300({ ...options, baseUrl: normal.baseUrl }))).toBe('pass');
  });

  it('an all-upper-case wrong password: one case was tried, and it says so (never "either letter case")', async () => {
    normal.stats.reset();
    const checks = byId(await pingSage300({ baseUrl: normal.baseUrl, user: 'WEBAPI', password: 'NOPE1' }));
    const credentials = checks['sage300.credentials'];
    expect(credentials).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/all upper case, so only one letter case was tried/),
      fix: expect.stringMatching(/may need entering again exactly as typed with --keep-case/),
    });
    expect(credentials?.detail).not.toMatch(/either letter case/);
    expect(normal.stats.snapshot().byStatus).toEqual({ '401': 1 });
    // With --keep-case an upper-case password also has one case only.
    const kept = byId(
      await pingSage300({ baseUrl: normal.baseUrl, user: 'WEBAPI', password: 'NOPE1', keepCase: true }),
    );
    expect(kept['sage300.credentials']?.detail).toMatch(/no other letter case was tried/);
    // No letters at all: letter case cannot be the cause.
    const digits = byId(await pingSage300({ baseUrl: normal.baseUrl, user: 'WEBAPI', password: '12345' }));
    expect(digits['sage300.credentials']?.detail).toMatch(/no letters, so its letter case is not the cause/);
    expect(digits['sage300.credentials']?.fix).not.toMatch(/--keep-case/);
  });

  it('a password stored upper-cased before this version, on a server that compares as typed: enter it again', async () => {
    const checks = byId(
      await pingSage300({
        baseUrl: mixed.baseUrl,
        user: DEMO_SAGE_MIXED_USER,
        password: DEMO_SAGE_MIXED_PASSWORD.toUpperCase(),
      }),
    );
    expect(checks['sage300.credentials']).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/only one letter case was tried/),
      fix: expect.stringMatching(/earlier version of the connector stored passwords upper-cased/),
    });
    expect(checks['sage300.credentials']?.fix).toContain('--keep-case');
  });

  it('names the module without Web API rights, and the fix', async () => {
    const checks = byId(await pingSage300({ baseUrl: normal.baseUrl, user: 'ordersonly', password: 'x' }));
    expect(checks['sage300.rights.OE']?.status).toBe('pass');
    expect(checks['sage300.rights.IC']).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/no Sage 300 Web API right for IC \(403 Forbidden\)/),
      fix: expect.stringMatching(/Security Groups .*Sage 300 Web API/),
    });
    expect(checks['sage300.metadata']?.status).toBe('pass');
  });

  it('an unreachable server and a wrong company', async () => {
    const port = Number(new URL(normal.origin).port);
    const down = byId(
      await pingSage300({ baseUrl: `http://127.0.0.1:1/Sage300WebApi/v1.0/-/SAMINC`, user: 'a', password: 'b' }),
    );
    expect(down['sage300.reachability']?.status).toBe('fail');
    expect(down['sage300.credentials']?.status).toBe('skip');
    const company = byId(
      await pingSage300({
        baseUrl: `http://127.0.0.1:${port}/Sage300WebApi/v1.0/-/NOPE`,
        user: 'WEBAPI',
        password: 'WEBAPI',
      }),
    );
    expect(company['sage300.credentials']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/company org ID/),
    });
  });
});
