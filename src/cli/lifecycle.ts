/**
 * Runs a long-lived thing until SIGINT/SIGTERM, then stops it once and exits.
 * A second Ctrl-C while stopping exits at once (the user asked twice).
 */
export function stopOnSignals(
  stop: () => Promise<void>,
  options: { onStopping?: (signal: string) => void } = {},
): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    options.onStopping?.(signal);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
