/** How long a stop may take before the process exits anyway (the promise: stopped within 5 s). */
const STOP_DEADLINE_MS = 4500;

/**
 * Runs a long-lived thing until SIGINT/SIGTERM, then stops it once and exits.
 * A second Ctrl-C while stopping exits at once (the user asked twice). A stop that has not ended after
 * `deadlineMs` exits anyway: a pass cut short there is carried on by the next start (its lease expires, its
 * write intents are decided by reading back), while a process that will not go away is a second writer
 * nobody sees.
 */
export function stopOnSignals(
  stop: () => Promise<void>,
  options: { onStopping?: (signal: string) => void; deadlineMs?: number } = {},
): void {
  survivePipeLoss();
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    setTimeout(() => {
      say(`Not stopped after ${(options.deadlineMs ?? STOP_DEADLINE_MS) / 1000} s; exiting now.`);
      process.exit(1);
    }, options.deadlineMs ?? STOP_DEADLINE_MS).unref();
    options.onStopping?.(signal);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        say(`error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/**
 * The terminal or the process reading our output may go away (a closed terminal, a parent that exited): a
 * write then fails with EPIPE (or EIO on a hung-up terminal). Nobody is left to read it, so it is dropped and
 * the process carries on, and still stops on a signal, instead of dying of an unhandled stream error
 * half-way through a pass or a stop.
 */
export function survivePipeLoss(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'EIO' || error.code === 'ECONNRESET') return;
      throw error;
    });
  }
}

function say(line: string): void {
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    // No one to tell.
  }
}
