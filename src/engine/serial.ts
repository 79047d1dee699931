/**
 * Runs the functions given to it one at a time, in the order they came (FIFO). Two lanes of one pass — the
 * shipments poll and its webhook lane — overlap their network waits but never their writes to the store:
 * each takes its turn here for the short stretch in which it reads and writes an event's records.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    // The next in line waits for this one to settle, whatever its outcome; the caller sees the outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
