export * from '../../src/testing/sage-orders.js';
