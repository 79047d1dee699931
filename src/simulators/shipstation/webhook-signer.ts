import { createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';

export interface Jwk {
  kty: string;
  kid: string;
  n: string;
  e: string;
  alg: 'RS256';
  use: 'sig';
}

/**
 * V2 webhook signing (shipstation-v2.md §6.4): RSA-SHA256 (PKCS#1 v1.5) over `{x-shipengine-timestamp}.{raw body}`,
 * base64 signature, the key found by `kid` in a JWKS document. A fresh 2048-bit key pair per simulator start;
 * the public half is served at `/jwks` as the platform serves its key set.
 */
export class WebhookSigner {
  readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
    this.kid = `sim-${randomBytes(8).toString('hex')}`;
  }

  jwks(): { keys: Jwk[] } {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return {
      keys: [{ kty: String(jwk.kty), kid: this.kid, n: String(jwk.n), e: String(jwk.e), alg: 'RS256', use: 'sig' }],
    };
  }

  /** The three signature headers for a body sent at `timestamp` (ISO 8601). */
  sign(timestamp: string, rawBody: string): Record<string, string> {
    const signer = createSign('RSA-SHA256');
    signer.update(`${timestamp}.${rawBody}`);
    return {
      'x-shipengine-rsa-sha256-key-id': this.kid,
      'x-shipengine-rsa-sha256-signature': signer.sign(this.privateKey, 'base64'),
      'x-shipengine-timestamp': timestamp,
    };
  }
}
