import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyringPath } from '../../src/app.js';
import { exportFileOf } from '../../src/cli/commands/shipments.js';
import { demoFolderOf } from '../../src/cli/connection-arg.js';
import { demoFiles } from '../../src/demo/demo.js';
import { keysReloadFiles } from '../../src/runtime/keys-reload-request.js';
import { sqlitePath } from '../../src/store/database.js';

/**
 * Issue 16 point 8: the connector often runs on the Windows server beside Sage 300, so every function that
 * builds a file path takes the `path` module; run with `path.win32` here, they give Windows paths on any
 * machine (none joins with '/' by hand).
 */
const win = path.win32;
const DATA = 'C:\\ProgramData\\ml-connector';

describe('file paths on Windows (path.win32)', () => {
  it('the keyring: keyring.json in the data folder, or ML_CONNECTOR_KEYRING', () => {
    expect(keyringPath({ ML_CONNECTOR_DATA_DIR: DATA, ML_CONNECTOR_KEYRING: undefined }, win)).toBe(
      `${DATA}\\keyring.json`,
    );
    expect(keyringPath({ ML_CONNECTOR_DATA_DIR: DATA, ML_CONNECTOR_KEYRING: 'D:/keys/ring.json' }, win)).toBe(
      'D:\\keys\\ring.json',
    );
  });

  it('the SQLite file: ml-connector.db in the data folder unless DATABASE_URL names one', () => {
    expect(sqlitePath({ dataDir: DATA }, win)).toBe(`${DATA}\\ml-connector.db`);
    expect(sqlitePath({ url: 'sqlite:D:\\db\\mlc.db', dataDir: DATA }, win)).toBe('D:\\db\\mlc.db');
    expect(sqlitePath({ url: 'postgres://u@h/db', dataDir: DATA }, win)).toBeUndefined();
  });

  it('the demo folder and its simulators’ state files', () => {
    expect(demoFiles(DATA, 'both', win)).toEqual({
      dataDir: `${DATA}\\demo`,
      sageState: `${DATA}\\demo\\sage300-sim.json`,
      shipstationState: `${DATA}\\demo\\shipstation-sim.json`,
    });
    expect(demoFiles(DATA, 'v2', win).dataDir).toBe(`${DATA}\\demo-v2`);
  });

  it('the demo folder named in "no connection" keeps the relative form the person typed', () => {
    expect(demoFolderOf('.\\data', win)).toBe('.\\data\\demo');
    expect(demoFolderOf('./data', win)).toBe('.\\data\\demo');
    expect(demoFolderOf(DATA, win)).toBe(`${DATA}\\demo`);
    expect(demoFolderOf('./data', path.posix)).toBe('./data/demo');
  });

  it('the keys reload request and outcome files', () => {
    expect(keysReloadFiles(DATA, win)).toEqual({
      request: `${DATA}\\keys-reload.request`,
      outcome: `${DATA}\\keys-reload.outcome`,
    });
  });

  it('the shipments export file: --out as given, else a name with no path characters from the connection', () => {
    const now = Date.UTC(2026, 11, 2, 13, 5, 9);
    expect(exportFileOf('D:\\exports\\ship.csv', 'default', now, win)).toBe('D:\\exports\\ship.csv');
    const file = exportFileOf(undefined, 'east/west:1', now, win);
    expect(win.basename(file)).toBe('shipments-east-west-1-20261202T130509.csv');
    expect(exportFileOf(undefined, 'a\\b', now, path.posix)).toMatch(/\/shipments-a-b-20261202T130509\.csv$/);
  });
});
