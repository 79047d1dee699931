import { describe, expect, it } from 'vitest';
import { classifySage300Response, parseSageEnvelope, Sage300ApiError } from './errors.js';

const envelope = (code: string, value = 'text') =>
  JSON.stringify({ error: { code, message: { lang: 'en-US', value } } });

describe('classifySage300Response', () => {
  const table: [number, string, boolean, string][] = [
    [429, envelope('TooManyRequests'), true, 'TooManyRequests'],
    [503, envelope('TooManyRequests'), true, 'TooManyRequests'],
    [500, envelope('InternalServerError'), true, 'InternalServerError'],
    [500, envelope('General'), true, 'General'],
    [502, '<html>Bad Gateway</html>', true, 'http_502'],
    [503, '', true, 'http_503'],
    [408, '', true, 'http_408'],
    [400, envelope('InvalidPayload'), false, 'InvalidPayload'],
    [400, envelope('InvalidParameters'), false, 'InvalidParameters'],
    [400, envelope('RecordInvalid'), false, 'RecordInvalid'],
    [400, envelope('InvalidEntityKey'), false, 'InvalidEntityKey'],
    [400, envelope('DBLinkError'), false, 'DBLinkError'],
    [401, envelope('Unauthorized'), false, 'Unauthorized'],
    [403, envelope('Forbidden'), false, 'Forbidden'],
    [404, envelope('RecordNotFound'), false, 'RecordNotFound'],
    [404, '<html>IIS 404</html>', false, 'http_404'],
    [405, envelope('MethodNotAllowed'), false, 'MethodNotAllowed'],
    [409, envelope('RecordDuplicate'), false, 'RecordDuplicate'],
    [
      422,
      JSON.stringify({
        error: { code: 'RecordInvalid', message: { OrderOptionalFields: ['OptionalField is required'] } },
      }),
      false,
      'RecordInvalid',
    ],
  ];
  it.each(table)('%i %s → retryable %s, code %s', (status, text, retryable, code) => {
    const error = classifySage300Response({
      status,
      text,
      method: 'GET',
      path: '/Sage300WebApi/v1.0/-/SAMINC/OE/OEOrders',
    });
    expect(error).toBeInstanceOf(Sage300ApiError);
    expect(error.retryable).toBe(retryable);
    expect(error.code).toBe(code);
    expect(error.context).toMatchObject({
      system: 'sage300',
      status,
      method: 'GET',
      path: '/Sage300WebApi/v1.0/-/SAMINC/OE/OEOrders',
    });
    expect((error as Sage300ApiError).status).toBe(status);
  });

  it('carries the Sage code and message; a Retry-After header becomes retryAfterMs', () => {
    const error = classifySage300Response({
      status: 429,
      text: envelope('TooManyRequests', 'Server was flooded with too many concurrent requests'),
      headers: new Headers({ 'retry-after': '7' }),
      method: 'PATCH',
      path: '/x/OE/OEOrders(5)',
    }) as Sage300ApiError;
    expect(error.sageCode).toBe('TooManyRequests');
    expect(error.message).toContain('Server was flooded with too many concurrent requests');
    expect(error.retryAfterMs).toBe(7000);
  });

  it('reads message values that are strings or objects', () => {
    expect(parseSageEnvelope(JSON.stringify({ error: { code: 'X', message: 'plain' } }))).toEqual({
      code: 'X',
      message: 'plain',
    });
    expect(parseSageEnvelope('not json')).toBeUndefined();
    expect(parseSageEnvelope('{"value":[]}')).toBeUndefined();
  });
});
