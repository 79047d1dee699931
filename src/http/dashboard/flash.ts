import type { FlashMessage } from './views/layout.js';

/**
 * One-shot messages shown on the next page after a form post ("Saved.", "Ping failed: ..."), kept in
 * memory per session. Not in the URL: a crafted link cannot make the dashboard say something.
 */
export class Flash {
  private readonly messages = new Map<string, FlashMessage>();

  set(sessionHash: string, message: FlashMessage): void {
    if (this.messages.size > 1000) this.messages.clear();
    this.messages.set(sessionHash, message);
  }

  take(sessionHash: string): FlashMessage | null {
    const m = this.messages.get(sessionHash) ?? null;
    this.messages.delete(sessionHash);
    return m;
  }
}
