import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';

describe('loadConfig', () => {
  it('accepts an empty environment with defaults', () => {
    const r = loadConfig({ env: {} });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.PORT).toBe(8080);
      expect(r.config.HOST).toBe('127.0.0.1');
      expect(r.config.SHIPSTATION_V1_URL).toBe('https://ssapi.shipstation.com');
      expect(r.config.MAPPINGS_AUTO).toBe('off');
    }
  });

  it('reports every problem at once, in plain words, without quoting secrets', () => {
    const r = loadConfig({
      env: {
        PORT: 'eighty',
        SAGE300_URL: 'https://erp.example.com/Sage300WebApi',
        SHIPSTATION_API_KEY: 'abc',
        ML_CONNECTOR_MASTER_KEY: 'c2hvcnQ=',
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.problems.join('\n');
    expect(r.problems.length).toBeGreaterThanOrEqual(5);
    expect(text).toMatch(/PORT must be a port number/);
    expect(text).toMatch(/SAGE300_URL must be the Web API base including the company/);
    expect(text).toMatch(/SAGE300_USER is required when SAGE300_URL is set/);
    expect(text).toMatch(/SHIPSTATION_API_SECRET is required when SHIPSTATION_API_KEY is set/);
    expect(text).toMatch(/ML_CONNECTOR_MASTER_KEY must be the base64 encoding of exactly 32 random bytes/);
    expect(text).not.toContain('c2hvcnQ=');
  });

  it('reads a JSON file with the same names; the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlc-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ PORT: 9000, HOST: '0.0.0.0', NOT_A_SETTING: 1 }));
    const r = loadConfig({ env: { PORT: '9100' }, file });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.PORT).toBe(9100);
    expect(r.config.HOST).toBe('0.0.0.0');
    expect(r.warnings.join()).toMatch(/NOT_A_SETTING, which is not a setting/);
  });

  it('says when the file is missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlc-config-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    const missing = loadConfig({ env: {}, file: join(dir, 'nope.json') });
    const invalid = loadConfig({ env: {}, file: bad });
    expect(missing.ok || missing.problems.join()).toMatch(/does not exist/);
    expect(invalid.ok || invalid.problems.join()).toMatch(/is not valid JSON/);
  });

  it('rejects an unknown time zone and an orders API without its key', () => {
    const r = loadConfig({ env: { SAGE300_TIMEZONE: 'Mars/Olympus', SHIPSTATION_ORDERS_API: 'v2' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toMatch(/SAGE300_TIMEZONE must be an IANA time zone/);
    expect(r.problems.join('\n')).toMatch(/SHIPSTATION_ORDERS_API is v2 but no V2 API key is set/);
  });

  // Each bad value: the whole problem names the setting, says what is expected in words, quotes the value
  // and gives a value that would do; the old zod wording never reaches a person.
  it.each([
    [
      'SAGE300_URL',
      'erp.example.com',
      /SAGE300_URL must be an http:\/\/ or https:\/\/ URL: add https:\/\/ in front \(it is "erp\.example\.com"\); for example SAGE300_URL=https:\/\//,
    ],
    [
      'PUBLIC_URL',
      'connector.example.com',
      /PUBLIC_URL must be an http:\/\/ or https:\/\/ URL: add https:\/\/ in front/,
    ],
    [
      'LOG_LEVEL',
      'verbose',
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent \(it is "verbose"\); for example LOG_LEVEL=debug/,
    ],
    ['STALE_AFTER_MINUTES', 'ten', /STALE_AFTER_MINUTES must be a whole number of minutes, at least 1 \(it is "ten"\)/],
    [
      'SAGE300_CONCURRENCY',
      '40',
      /SAGE300_CONCURRENCY must be a whole number of requests, between 1 and 16 \(it is "40"\)/,
    ],
    [
      'HOST',
      'not a host',
      /HOST must be a host name or IP address \(no scheme, port or spaces\) \(it is "not a host"\)/,
    ],
    ['HOST', 'http://0.0.0.0', /HOST must be a host name or IP address/],
    [
      'PORT',
      '70000',
      /PORT must be a port number, a whole number between 0 and 65535 \(it is "70000"\); for example PORT=8080/,
    ],
    [
      'SHIPSTATION_ORDERS_API',
      'v3',
      /SHIPSTATION_ORDERS_API must be v1 or v2 \(it is "v3"\); for example SHIPSTATION_ORDERS_API=v2/,
    ],
  ])('%s=%s gets one clear problem', (key, value, expected) => {
    const r = loadConfig({ env: { [key]: value } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const mine = r.problems.filter((p) => p.startsWith(`${key} `));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(expected);
    expect(r.problems.join('\n')).not.toMatch(/Invalid input|Invalid option|received NaN|Invalid URL/);
  });

  it('accepts host names and addresses to listen on', () => {
    for (const host of ['0.0.0.0', '127.0.0.1', 'localhost', 'connector.internal', '::', '::1', '[::1]']) {
      const r = loadConfig({ env: { HOST: host } });
      expect(r.ok ? 'ok' : r.problems.join()).toBe('ok');
    }
  });

  it('reports every bad setting of one run, not only the first', () => {
    const r = loadConfig({
      env: { SAGE300_URL: 'erp.example.com', LOG_LEVEL: 'verbose', STALE_AFTER_MINUTES: 'ten', HOST: 'not a host' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const key of ['SAGE300_URL', 'LOG_LEVEL', 'STALE_AFTER_MINUTES', 'HOST', 'SAGE300_USER', 'SAGE300_PASSWORD'])
      expect(r.problems.some((p) => p.startsWith(`${key} `))).toBe(true);
  });
});
