export * from '../../src/testing/cli.js';
