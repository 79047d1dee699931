/**
 * The structured logger as the engine uses it: ids go in `fields`, never into the message (design rule 9).
 * observability/logger.ts's pino logger is one; the engine never needs more than this.
 */
export type LogFn = (fields: object, message: string) => void;

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}
