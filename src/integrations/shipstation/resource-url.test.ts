import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../domain/errors.js';
import { assertAllowedResourceUrl, isAllowedResourceUrl, withShipmentItems } from './resource-url.js';

const REAL_V1 = 'https://ssapi.shipstation.com';
const REAL_V2 = 'https://api.shipstation.com/v2';
const SIM_V1 = 'http://127.0.0.1:41235';
const SIM_V2 = 'http://127.0.0.1:41235/v2';

describe('isAllowedResourceUrl', () => {
  it.each([
    // real V1 base, as ShipStation's payloads write it
    [REAL_V1, 'https://ssapi.shipstation.com/shipments?batchId=144015674&includeShipmentItems=False'],
    [REAL_V1, 'https://ssapi.shipstation.com/orders?storeID=123456&importBatch=1ab23c4d'],
    [REAL_V1, 'https://ssapi4.shipstation.com/shipments?storeID=1'],
    [REAL_V1, 'https://ssapi12.shipstation.com/shipments?batchId=1'],
    [REAL_V1, 'https://SSAPI4.ShipStation.com/shipments'],
    [`${REAL_V1}/`, 'https://ssapi4.shipstation.com/shipments'],
    [REAL_V1, 'https://ssapi.shipstation.com:443/orders'],
    // real V2
    [REAL_V2, 'https://api.shipstation.com/v2/shipments?import_batch_id=b6ba2537'],
    [REAL_V2, 'https://api.shipstation.com/v2/labels/se-454868/track'],
    [`${REAL_V2}/`, 'https://api.shipstation.com/v2/labels?batch_id=se-1'],
    // simulator bases
    [SIM_V1, 'http://127.0.0.1:41235/shipments?batchId=7&includeShipmentItems=False'],
    [SIM_V2, 'http://127.0.0.1:41235/v2/labels?batch_id=se-9'],
  ])('base %s allows %s', (base, url) => {
    expect(isAllowedResourceUrl(url, base)).toBe(true);
  });

  it.each([
    // lookalike hosts
    [REAL_V1, 'https://ssapi.shipstation.com.evil.io/shipments'],
    [REAL_V1, 'https://evilssapi.shipstation.com/shipments'],
    [REAL_V1, 'https://ssapi1.shipstation.co/shipments'],
    [REAL_V1, 'https://ssapiX.shipstation.com/shipments'], // the docs' placeholder is not a real shard
    [REAL_V1, 'https://ssapi.shipstation.com./shipments'],
    [REAL_V1, 'https://ssapi-4.shipstation.com/shipments'],
    [REAL_V1, 'https://ssapi4.shipstation.com.evil.io/shipments'],
    [REAL_V1, 'https://x.ssapi4.shipstation.com/shipments'],
    [REAL_V1, 'https://api.shipstation.com/shipments'],
    // userinfo tricks
    [REAL_V1, 'https://ssapi.shipstation.com@evil.io/'],
    [REAL_V1, 'https://user:pass@ssapi.shipstation.com/shipments'],
    [REAL_V1, 'https://evil.io\\@ssapi.shipstation.com/'],
    // ports and schemes
    [REAL_V1, 'https://ssapi.shipstation.com:8443/shipments'],
    [REAL_V1, 'https://ssapi4.shipstation.com:444/shipments'],
    [REAL_V1, 'http://ssapi.shipstation.com/shipments'],
    [REAL_V1, 'http://ssapi4.shipstation.com/shipments'],
    [REAL_V1, 'ftp://ssapi.shipstation.com/shipments'],
    [REAL_V1, 'javascript:alert(1)'],
    [REAL_V1, '/shipments?batchId=1'],
    [REAL_V1, ''],
    [REAL_V1, 'not a url'],
    // V2 path prefix
    [REAL_V2, 'https://api.shipstation.com/v1/shipments'],
    [REAL_V2, 'https://api.shipstation.com/v2x/shipments'],
    [REAL_V2, 'https://api.shipstation.com/v2/../admin'],
    [REAL_V2, 'https://api.shipstation.com/v2/%2e%2e/admin'],
    [REAL_V2, 'https://api.shipstation.com/'],
    [REAL_V2, 'https://api.shipengine.com/v2/labels'],
    [REAL_V2, 'http://api.shipstation.com/v2/labels'],
    // shard widening applies to the real default V1 base only
    [SIM_V1, 'http://ssapi4.shipstation.com/shipments'],
    ['https://proxy.example.com', 'https://ssapi4.shipstation.com/shipments'],
    ['http://ssapi.shipstation.com', 'http://ssapi4.shipstation.com/shipments'],
    ['https://ssapi.shipstation.com/tenant', 'https://ssapi4.shipstation.com/tenant/shipments'],
    [REAL_V2, 'https://ssapi4.shipstation.com/v2/labels'],
    // simulator: other port, other host
    [SIM_V1, 'http://127.0.0.1:41236/shipments'],
    [SIM_V1, 'http://localhost:41235/shipments'],
    [SIM_V2, 'http://127.0.0.1:41235/shipments'],
  ])('base %s refuses %s', (base, url) => {
    expect(isAllowedResourceUrl(url, base)).toBe(false);
  });

  it('throws a permanent resource_url_refused error that does not repeat the query', () => {
    try {
      assertAllowedResourceUrl('https://evil.io/steal?token=abc', REAL_V1, 'shipstation-v1');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorError);
      const e = error as ConnectorError;
      expect(e.code).toBe('resource_url_refused');
      expect(e.retryable).toBe(false);
      expect(e.message).toContain('evil.io');
      expect(e.message).not.toContain('token');
    }
  });
});

describe('withShipmentItems', () => {
  it.each([
    [
      'https://ssapi.shipstation.com/shipments?batchId=1&includeShipmentItems=False',
      'https://ssapi.shipstation.com/shipments?batchId=1&includeShipmentItems=True',
    ],
    [
      'https://ssapi.shipstation.com/shipments?batchId=1&includeshipmentitems=false',
      'https://ssapi.shipstation.com/shipments?batchId=1&includeShipmentItems=True',
    ],
    [
      'https://ssapi.shipstation.com/shipments?batchId=1',
      'https://ssapi.shipstation.com/shipments?batchId=1&includeShipmentItems=True',
    ],
    // Not a shipments list: left exactly as it came.
    ['https://ssapi.shipstation.com/orders?importBatch=2', 'https://ssapi.shipstation.com/orders?importBatch=2'],
    [
      'https://ssapi.shipstation.com/fulfillments?fulfillmentId=3',
      'https://ssapi.shipstation.com/fulfillments?fulfillmentId=3',
    ],
  ])('%s → %s', (pointer, read) => {
    expect(withShipmentItems(pointer)).toBe(read);
  });
});
