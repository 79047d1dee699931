/** Outcome of a pure step that can refuse its input with reasons (design rule 3). */
export type Result<T, E> = { ok: true; value: T } | { ok: false; problems: E[] };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(problems: E[]): Result<never, E> => ({ ok: false, problems });

/**
 * Why a record cannot go on: what is wrong, with the value, and what a person does about it.
 * Shown on the record (status, audit, dashboard), so the words matter.
 */
export interface Problem {
  code: string;
  message: string;
  fix: string;
}
