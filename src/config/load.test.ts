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
});
