import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { type ConsoleWriter, stderrConsole } from './console-writer.js';
import { redactSecrets } from './redact.js';
import { scrub, scrubDeep } from './scrub.js';

export type { Logger } from 'pino';

export interface LoggerSettings {
  level?: string;
  /** Where JSON lines go; defaults to stderr so stdout stays for command output (ready lines, tables). */
  destination?: DestinationStream;
  name?: string;
  /** `pretty`: short coloured lines for a person; `json`: one JSON object a line. Default: pretty on a terminal. */
  format?: 'pretty' | 'json' | undefined;
  /** The terminal writer shared with the live summary line (stderr by default). */
  console?: ConsoleWriter;
}

export type LogFormat = 'pretty' | 'json';

/** Pretty on a terminal, JSON everywhere else (a file, a pipe, a log collector); LOG_FORMAT overrides. */
export function logFormatFor(setting: LogFormat | undefined, console: ConsoleWriter = stderrConsole): LogFormat {
  return setting ?? (console.live ? 'pretty' : 'json');
}

/**
 * Where log lines go. On a terminal every line goes through the console writer, so the summary line is
 * redrawn below it; pretty lines are formatted here, in the main thread and synchronously (a worker-thread
 * transport could not take part in the redraw).
 */
function destinationFor(settings: LoggerSettings): DestinationStream {
  if (settings.destination) return settings.destination;
  const console = settings.console ?? stderrConsole;
  const format = logFormatFor(settings.format, console);
  if (format === 'json' && !console.live) return pino.destination(2);
  if (format === 'json') return { write: (line: string) => console.line(line) };
  const prettify = prettyFactory({
    colorize: console.live,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    // Short lines: the stack and the error's class name stay in the JSON logs (LOG_FORMAT=json).
    ignore: 'pid,hostname,name,err.stack,err.type',
    errorLikeObjectKeys: [],
  });
  return { write: (line: string) => console.line(prettify(line)) };
}

/** Drops fields the logger's bindings already carry with the same value (`connection` twice in one line). */
function withoutBoundKeys(bindings: Record<string, unknown>, object: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    if (key in bindings && bindings[key] === object[key]) {
      out ??= { ...object };
      delete out[key];
    }
  }
  return out ?? object;
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
        const bindings = this.bindings();
        const cleaned = args.map((a, i) =>
          typeof a === 'string'
            ? scrub(a)
            : i === 0 && a && typeof a === 'object' && !(a instanceof Error)
              ? withoutBoundKeys(bindings, a as Record<string, unknown>)
              : a,
        );
        method.apply(this, cleaned as Parameters<typeof method>);
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
  return pino(options, destinationFor(settings));
}

/** A logger that drops everything, for library code called without one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
