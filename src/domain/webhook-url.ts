/** Where ShipStation delivers a connection's webhooks: the intake's routes and the subscriptions agree on it. */
export const V1_WEBHOOK_PATH = '/webhooks/shipstation';
export const V2_WEBHOOK_PATH = '/webhooks/shipstation-v2';

/** The connection's webhook URL for an API (`{PUBLIC_URL}/webhooks/shipstation[-v2]/{connection}/{token}`). */
export function webhookUrl(publicUrl: string, api: 'v1' | 'v2', connectionName: string, token: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  const path = api === 'v1' ? V1_WEBHOOK_PATH : V2_WEBHOOK_PATH;
  return `${base}${path}/${encodeURIComponent(connectionName)}/${encodeURIComponent(token)}`;
}
