/**
 * The verdict of one connectivity check (`ml-connector ping`, the dashboard's Ping button).
 * `fix` is a plain-words instruction for the person reading it, written for an IT generalist.
 */
export type PingStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface PingCheck {
  /** Stable id, e.g. `sage300.credentials`, `shipstation.v2.inventory`. */
  id: string;
  /** Short label, e.g. "Credentials", "Web API rights for OE". */
  label: string;
  status: PingStatus;
  /** What was found, e.g. "3 warehouses, 1 store, 3 carriers". */
  detail: string;
  /** What to do about it; present on warn and fail. */
  fix?: string;
}

export function worstStatus(checks: readonly PingCheck[]): PingStatus {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  if (checks.length > 0 && checks.every((c) => c.status === 'skip')) return 'skip';
  return 'pass';
}

/** A list of checks that tells `onCheck` of each one as it is added (`ping` prints each check as it runs). */
export function reportingChecks(onCheck?: (check: PingCheck) => void): PingCheck[] {
  const checks: PingCheck[] = [];
  if (!onCheck) return checks;
  const push = checks.push.bind(checks);
  checks.push = (...items: PingCheck[]) => {
    for (const item of items) onCheck(item);
    return push(...items);
  };
  return checks;
}
