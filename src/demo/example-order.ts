/**
 * The order number the help and the README show for `audit order`: one the demo really has a history for.
 * The demo seed enters 300 completed orders (ORD000001–ORD000300, never sent) and then 40 open ones; the
 * first open one, ORD000301, is sent at the demo's go-live (checked by test/cli/example-order.test.ts).
 */
export const DEMO_EXAMPLE_ORDER = 'ORD000301';
