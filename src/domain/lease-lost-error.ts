import { ConnectorError } from './errors.js';

/**
 * A write was fenced off: another process holds the flow's lease now (this one stalled past its expiry).
 * The work is abandoned, not retried: the new holder carries on from the store.
 */
export class LeaseLostError extends ConnectorError {
  override readonly name = 'LeaseLostError';
  constructor(connectionId: number, flow: string, token: number) {
    super(
      'lease_lost',
      `Lease for flow ${flow} of connection ${connectionId} was taken over (token ${token} is stale).`,
      {
        context: { system: 'store', connectionId, flow, token },
      },
    );
  }
}
