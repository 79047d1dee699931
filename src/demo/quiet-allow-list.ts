/**
 * Log lines at warn or above that the demo causes on purpose, each with why; anything else the demo logs at
 * warn or above is a defect (the quiet-demo test, test/cli/quiet-demo.test.ts, fails on it). Keep entries few
 * and specific: a message pattern, never "any warning of this component".
 */
export const DEMO_WARNINGS_ALLOWED: readonly { msg: RegExp; reason: string }[] = [];

/** Whether a log line at warn or above is one the demo causes on purpose. */
export function allowedInDemo(line: { msg?: string }): boolean {
  return DEMO_WARNINGS_ALLOWED.some((a) => a.msg.test(line.msg ?? ''));
}
