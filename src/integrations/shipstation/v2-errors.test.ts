import { describe, expect, it } from 'vitest';
import { classifyV2Response } from './v2-errors.js';

const json = (value: unknown) => JSON.stringify(value);

describe('classifyV2Response', () => {
  const envelope = (code: string, type: string, message: string, extra: Record<string, unknown> = {}) =>
    json({
      request_id: 'aa3d8e8e-462b-4476-9618-72db7f7b7009',
      errors: [{ error_source: 'ShipStation', error_type: type, error_code: code, message, ...extra }],
    });
  const v2 = (
    status: number,
    text: string,
    headers: Record<string, string> = {},
    method = 'GET',
    path = '/v2/shipments',
  ) => classifyV2Response({ status, text, headers: new Headers(headers), method, path }, Date.UTC(2026, 10, 26, 12));

  it.each([200, 204, 207])('%i is a success', (status) => {
    expect(v2(status, '')).toBeUndefined();
  });

  it.each([
    [
      401,
      envelope('unauthorized', 'security', 'The API key is invalid.'),
      {},
      'GET',
      '/v2/warehouses',
      'unauthorized',
      false,
      undefined,
    ],
    [
      403,
      envelope('forbidden', 'security', 'Inventory is not enabled for this account.'),
      {},
      'GET',
      '/v2/inventory',
      'forbidden',
      false,
      undefined,
    ],
    [404, '', {}, 'GET', '/v2/labels/se-1', 'not_found', false, undefined],
    [
      404,
      envelope('invalid_identifier', 'validation', 'shipment not found'),
      {},
      'GET',
      '/v2/shipments/se-9',
      'not_found',
      false,
      undefined,
    ],
    [
      400,
      envelope('invalid_field_value', 'validation', 'Invalid postal code.', { field_name: 'ship_to.postal_code' }),
      {},
      'POST',
      '/v2/shipments',
      'validation_failed',
      false,
      undefined,
    ],
    [
      400,
      envelope('invalid_status', 'business_rules', 'A label has already been purchased.'),
      {},
      'PUT',
      '/v2/shipments/se-1',
      'validation_failed',
      false,
      undefined,
    ],
    [
      409,
      envelope('webhook_event_type_conflict', 'validation', 'A webhook for this event already exists.'),
      {},
      'POST',
      '/v2/environment/webhooks',
      'webhook_event_taken',
      false,
      undefined,
    ],
    [409, '', {}, 'POST', '/v2/environment/webhooks', 'webhook_event_taken', false, undefined],
    [
      409,
      envelope('identifier_conflict', 'validation', 'conflict'),
      {},
      'POST',
      '/v2/shipments',
      'conflict',
      false,
      undefined,
    ],
    [
      429,
      envelope('rate_limit_exceeded', 'system', 'You have exceeded the rate limit.'),
      { 'Retry-After': '37' },
      'GET',
      '/v2/labels',
      'rate_limited',
      true,
      37_000,
    ],
    [429, '', { 'Retry-After': 'Wed, 26 Nov 2026 12:00:05 GMT' }, 'GET', '/v2/labels', 'rate_limited', true, 5_000],
    [429, '', {}, 'GET', '/v2/labels', 'rate_limited', true, undefined],
    [500, '', {}, 'POST', '/v2/labels/shipment/se-1', 'server_error', true, undefined],
    [503, 'Service Unavailable', {}, 'GET', '/v2/shipments', 'unavailable', true, undefined],
    [418, '', {}, 'GET', '/v2/shipments', 'http_error', false, undefined],
  ] as const)('%i %s on %s %s → %s', (status, text, headers, method, path, code, retryable, retryAfter) => {
    const error = v2(status, text, headers, method, path)!;
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.retryAfterMs).toBe(retryAfter);
    expect(error.context).toMatchObject({ system: 'shipstation-v2', status, method, path });
    if (text.startsWith('{')) {
      expect(error.context.requestId).toBe('aa3d8e8e-462b-4476-9618-72db7f7b7009');
      expect(error.context.errorCode).toBeTypeOf('string');
    }
  });

  it('keeps the field name of a validation error and the server words', () => {
    const error = v2(
      400,
      envelope('invalid_field_value', 'validation', 'Invalid postal code.', { field_name: 'ship_to.postal_code' }),
    )!;
    expect(error.context.fieldName).toBe('ship_to.postal_code');
    expect(error.message).toContain('Invalid postal code.');
  });
});
