export type InboxStatus = 'pending' | 'done' | 'refused' | 'failed';

/** A webhook delivery as received, waiting for (or done by) the shipments flow. */
export interface InboxItem {
  id: number;
  connectionId: number;
  api: 'v1' | 'v2';
  resourceType: string | null;
  resourceUrl: string | null;
  body: string;
  status: InboxStatus;
  attempts: number;
  error: string | null;
  receivedAt: string;
  processedAt: string | null;
}
