/**
 * The "hold the answer" fault of both simulators: the write is applied, its answer is kept back until a test
 * releases it, and the test is told the moment it arrived. That moment — the other side has acted, the
 * connector has not heard — is the one a crash test must kill the connector in (issue 12): waiting on an
 * arrival makes the kill land there every time, not by chance.
 */
export interface HeldAnswer {
  id: number;
  /** `v1`, `v2` or `sage300`. */
  api: string;
  method: string;
  path: string;
  arrivedAt: number;
}

interface Entry {
  answer: HeldAnswer;
  release: () => void;
}

export class HeldAnswers {
  private readonly held = new Map<number, Entry>();
  private readonly waiters = new Set<(answer: HeldAnswer) => void>();
  private nextId = 1;
  private stopped = false;

  /** Keeps the answer back until released (or the simulator stops); resolves when it may be sent. */
  hold(request: Omit<HeldAnswer, 'id' | 'arrivedAt'>): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const answer: HeldAnswer = { ...request, id: this.nextId++, arrivedAt: Date.now() };
    return new Promise<void>((resolve) => {
      this.held.set(answer.id, {
        answer,
        release: () => {
          this.held.delete(answer.id);
          resolve();
        },
      });
      for (const waiter of [...this.waiters]) waiter(answer);
    });
  }

  /** The oldest answer held now, or the next one to arrive; null after `timeoutMs` without one. */
  arrived(timeoutMs = 30_000): Promise<HeldAnswer | null> {
    const first = this.list()[0];
    if (first) return Promise.resolve(first);
    return new Promise((resolve) => {
      const waiter = (answer: HeldAnswer) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(answer);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(null);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  list(): HeldAnswer[] {
    return [...this.held.values()].map((e) => e.answer).sort((a, b) => a.id - b.id);
  }

  /** Sends the held answers (one by id, or all); returns how many were released. */
  release(id?: number): number {
    const entries = id === undefined ? [...this.held.values()] : [this.held.get(id)].filter((e) => e !== undefined);
    for (const entry of entries) entry.release();
    return entries.length;
  }

  /** On simulator stop: everything goes, nothing new is held. */
  stop(): void {
    this.stopped = true;
    this.release();
  }
}
