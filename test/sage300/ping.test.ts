import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worstStatus } from '../../src/domain/ping.js';
import { pingSage300 } from '../../src/integrations/sage300/ping.js';
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

  it('a password the server keeps in lower case: tells the user to reconnect with --keep-case', async () => {
    const checks = byId(await pingSage300({ baseUrl: mixed.baseUrl, user: 'webapi', password: 'webapi2' }));
    expect(checks['sage300.credentials']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/accepts the password as typed: reconnect with --keep-case/),
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

  it('a wrong password in either case', async () => {
    const checks = byId(await pingSage300({ baseUrl: normal.baseUrl, user: 'WEBAPI', password: 'nope' }));
    expect(checks['sage300.credentials']).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/either letter case/),
    });
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
