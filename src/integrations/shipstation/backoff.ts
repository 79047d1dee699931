/**
 * Jittered exponential backoff with a cap ("equal jitter": half fixed, half random), so that many
 * clients failing together do not retry together, and a long outage never waits longer than the cap.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export function jitteredBackoff(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
