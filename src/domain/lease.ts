/** The right to run one flow of one connection, held by one process at a time. */
export interface Lease {
  connectionId: number;
  flow: string;
  holder: string;
  /** Fencing token: grows by one at every acquisition; writes made under a stale token are refused. */
  token: number;
  expiresAt: number;
}
