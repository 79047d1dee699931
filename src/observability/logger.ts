import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { redactSecrets } from './redact.js';
import { scrub, scrubDeep } from './scrub.js';

export type { Logger } from 'pino';

export interface LoggerSettings {
  level?: string;
  /** Where JSON lines go; defaults to stderr so stdout stays for command output (ready lines, tables). */
  destination?: DestinationStream;
  name?: string;
}

/**
 * Structured JSON logs (design rule 9): ids go in fields, never into the message.
 * Two layers keep credentials out: pino's path redaction for the well-known places (request headers),
 * and a deep scrub of every logged object by key name for the rest.
 */
export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: settings.name ? { name: settings.name } : null,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["api-key"]',
        'req.headers.cookie',
        'headers.authorization',
        'headers["api-key"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    formatters: {
      log: (object) => scrubDeep(redactSecrets(object)),
    },
    hooks: {
      // The message text too: it may quote a server's answer.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (err: unknown) => {
        if (!(err instanceof Error)) return redactSecrets(err);
        const e = err as Error & { code?: unknown; retryable?: unknown; context?: unknown };
        return scrubDeep(
          redactSecrets({
            type: e.name,
            message: e.message,
            code: e.code,
            retryable: e.retryable,
            context: e.context,
            stack: e.stack,
          }),
        );
      },
    },
  };
  return pino(options, settings.destination ?? pino.destination(2));
}

/** A logger that drops everything, for library code called without one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
