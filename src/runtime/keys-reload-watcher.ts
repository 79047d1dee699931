import { rmSync } from 'node:fs';
import type { Logger } from '../observability/logger.js';
import {
  type KeysReloadOutcome,
  keysReloadFiles,
  keysReloadRequestSchema,
  readJsonFile,
  writeJsonAtomically,
} from './keys-reload-request.js';

/** How often the data folder is looked at: a `keys reload` waits about this long at most. */
const POLL_MS = 500;

/**
 * The service's side of `ml-connector keys reload`: looks for the request file in the data folder, reloads
 * the keyring, writes the outcome and removes the request. Polling (a stat every half second) rather than
 * fs.watch, which behaves differently per platform and on network folders.
 */
export class KeysReloadWatcher {
  private timer: NodeJS.Timeout | undefined;
  private readonly files: { request: string; outcome: string };

  constructor(
    dataDir: string,
    private readonly reload: () => Omit<KeysReloadOutcome, 'id' | 'pid'>,
    private readonly logger: Logger,
    private readonly pollMs = POLL_MS,
  ) {
    this.files = keysReloadFiles(dataDir);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), this.pollMs);
    // Nothing to keep the process alive for: the service's own servers and scheduler do that.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look; answers a request if there is one. Never throws: a bad request file must not stop the service. */
  check(): void {
    const request = readJsonFile(this.files.request, keysReloadRequestSchema);
    if (!request) return;
    try {
      const outcome: KeysReloadOutcome = { ...this.reload(), id: request.id, pid: process.pid };
      // The outcome first, then the request: a crash in between repeats a reload, which is harmless.
      writeJsonAtomically(this.files.outcome, outcome);
      rmSync(this.files.request, { force: true });
    } catch (error) {
      this.logger.warn({ err: error, file: this.files.request }, 'keys reload request could not be answered');
    }
  }
}
