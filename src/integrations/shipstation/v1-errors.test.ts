import { describe, expect, it } from 'vitest';
import { classifyV1Response } from './v1-errors.js';

const json = (value: unknown) => JSON.stringify(value);

describe('classifyV1Response', () => {
  const v1 = (status: number, text: string, headers: Record<string, string> = {}) =>
    classifyV1Response({ status, text, headers: new Headers(headers), method: 'POST', path: '/orders/createorder' });

  it.each([
    [200, json({ orderId: 1 })],
    [201, json({ id: 1 })],
    [204, ''],
  ])('%i is a success', (status, text) => {
    expect(v1(status, text)).toBeUndefined();
  });

  it.each([
    // status, body, headers, code, retryable, retryAfterMs, words in the message
    [401, '', {}, 'unauthorized', false, undefined, 'key and secret'],
    [
      403,
      json({ Message: 'Authorization has been denied for this request.' }),
      {},
      'forbidden',
      false,
      undefined,
      'denied',
    ],
    [404, '', {}, 'not_found', false, undefined, '/orders/createorder'],
    [
      405,
      json({ Message: "The requested resource does not support http method 'PUT'." }),
      {},
      'method_not_allowed',
      false,
      undefined,
      'does not support',
    ],
    [
      400,
      json({
        Message: 'The request is invalid.',
        ModelState: {
          apiOrder: [
            "Cannot deserialize the current JSON array (e.g. [1,2,3]) into type 'SS.OpenApi.Models.Orders.Order'",
          ],
        },
      }),
      {},
      'validation_failed',
      false,
      undefined,
      'apiOrder: Cannot deserialize',
    ],
    [
      400,
      json({
        Message: 'The request is invalid.',
        ModelState: { 'request.testlabel': ["The value '0' is not valid for Boolean."] },
      }),
      {},
      'validation_failed',
      false,
      undefined,
      'request.testlabel',
    ],
    [
      400,
      json({
        Message: 'An error has occurred.',
        ExceptionMessage: 'The order has been shipped and can no longer be updated.',
        ExceptionType: 'System.Exception',
        StackTrace: null,
      }),
      {},
      'order_locked',
      false,
      undefined,
      'shipped',
    ],
    [
      400,
      json({ Message: 'An error has occurred.', ExceptionMessage: 'Order 12 is cancelled and cannot be modified.' }),
      {},
      'order_locked',
      false,
      undefined,
      'cancelled',
    ],
    [
      400,
      json({ Message: 'An error has occurred.', ExceptionMessage: 'Invalid carrierCode.' }),
      {},
      'request_rejected',
      false,
      undefined,
      'Invalid carrierCode',
    ],
    [
      429,
      json({ message: 'Too Many Requests' }),
      { 'X-Rate-Limit-Limit': '40', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '20' },
      'rate_limited',
      true,
      21_000,
      'rate limit',
    ],
    // the simulator-only millisecond header, for shortened windows
    [
      429,
      '',
      { 'X-Rate-Limit-Reset': '2', 'X-Rate-Limit-Reset-Ms': '1200' },
      'rate_limited',
      true,
      1_225,
      'rate limit',
    ],
    [429, '', {}, 'rate_limited', true, undefined, 'rate limit'],
    // a production client saw the throttle body without the status (sheet §3)
    [
      200,
      json({ message: 'Too Many Requests' }),
      { 'X-Rate-Limit-Reset': '3' },
      'rate_limited',
      true,
      4_000,
      'rate limit',
    ],
    [
      500,
      json({
        Message: 'An error has occurred.',
        ExceptionMessage: 'Object reference not set to an instance of an object.',
        ExceptionType: 'System.NullReferenceException',
      }),
      {},
      'server_error',
      true,
      undefined,
      'Object reference',
    ],
    [502, '<html><body><h1>502 Bad Gateway</h1></body></html>', {}, 'unavailable', true, undefined, '502 Bad Gateway'],
    [503, '', {}, 'unavailable', true, undefined, '503'],
    [418, 'teapot', {}, 'http_error', false, undefined, 'teapot'],
  ] as const)('%i %s → %s', (status, text, headers, code, retryable, retryAfter, words) => {
    const error = v1(status, text, headers)!;
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.retryAfterMs).toBe(retryAfter);
    expect(error.message).toContain(words);
    expect(error.context).toMatchObject({
      system: 'shipstation-v1',
      status,
      method: 'POST',
      path: '/orders/createorder',
    });
  });
});
