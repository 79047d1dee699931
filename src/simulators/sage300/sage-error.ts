/**
 * The Web API's error envelope (sheet §3.6, DEVREF22 verbatim):
 * `{"error":{"code":"RecordNotFound","message":{"lang":"en-US","value":"…"}}}`.
 * Status ↔ code pairs that the sheet marks INFERRED are recorded in docs/simulator-fidelity.md.
 */
export type SageErrorCode =
  | 'InternalServerError'
  | 'Unauthorized'
  | 'Forbidden'
  | 'TooManyRequests'
  | 'InvalidParameters'
  | 'ResourceNotFound'
  | 'InvalidEntityKey'
  | 'RecordNotFound'
  | 'MethodNotAllowed'
  | 'InvalidPayload'
  | 'InvalidAction'
  | 'DBLinkError'
  | 'SessionError'
  | 'RecordDuplicate'
  | 'RecordInvalid'
  | 'General';

export class SageError extends Error {
  override readonly name = 'SageError';
  constructor(
    readonly status: number,
    readonly code: SageErrorCode,
    message: string,
  ) {
    super(message);
  }

  envelope(): { error: { code: string; message: { lang: string; value: string } } } {
    return { error: { code: this.code, message: { lang: 'en-US', value: this.message } } };
  }
}

export const notFound = (): SageError =>
  new SageError(404, 'RecordNotFound', 'A Record cannot be found for the specified entity key');

export const invalidParameters = (message: string): SageError => new SageError(400, 'InvalidParameters', message);

export const recordInvalid = (message: string): SageError => new SageError(400, 'RecordInvalid', message);

/** Exact message shape of the real server (POS test mock, sheet §3.6). */
export const unknownProperty = (property: string, modelType: string): SageError =>
  new SageError(400, 'InvalidPayload', `The property '${property}' does not exist on type '${modelType}'.`);
