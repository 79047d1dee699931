/**
 * Errors the account raises when a request breaks a business rule; each API renders them its own way
 * (V1: 400 with `ExceptionMessage`; V2: 400 envelope). `NotFound` renders as 404.
 */
export class RuleViolation extends Error {
  override readonly name = 'RuleViolation';
  constructor(
    message: string,
    /** V2 `error_code` (shipstation-v2.md §1.2 enum). */
    readonly v2Code: string = 'invalid_status',
  ) {
    super(message);
  }
}

export class NotFound extends Error {
  override readonly name = 'NotFound';
}
