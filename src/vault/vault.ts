import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { VaultKeyMissingError } from '../domain/errors.js';
import type { Keyring } from './keyring.js';

/** What is stored for one secret: the key id in its own column, the rest as one opaque string. */
export interface SealedSecret {
  keyId: string;
  /** `v1.<iv b64>.<ciphertext b64>.<tag b64>` */
  sealed: string;
}

/**
 * AES-256-GCM with a random 12-byte IV per secret and the key id stored beside it, so keys can rotate
 * and old secrets stay readable while any process still holds the old key. The associated data binds a
 * ciphertext to its row (connection + kind): a sealed value copied into another row does not open.
 */
const TAG_BYTES = 16;

export class Vault {
  constructor(private readonly keyring: Keyring) {}

  get currentKeyId(): string {
    return this.keyring.currentKeyId;
  }

  seal(plaintext: string, associatedData: string): SealedSecret {
    const { id, key } = this.keyring.currentKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return {
      keyId: id,
      sealed: ['v1', iv.toString('base64'), ciphertext.toString('base64'), tag.toString('base64')].join('.'),
    };
  }

  open(secret: SealedSecret, associatedData: string): string {
    const key = this.keyring.key(secret.keyId);
    if (!key) {
      throw new VaultKeyMissingError(
        secret.keyId,
        `A stored credential was encrypted with key ${secret.keyId}, which this process does not have ` +
          `(it has ${this.keyring.keyIds.join(', ') || 'no keys'}). ` +
          (this.keyring.fromEnvironment
            ? `Add that key to ML_CONNECTOR_PREVIOUS_KEYS (or set it as ML_CONNECTOR_MASTER_KEY), or re-enter the credentials with "ml-connector connect".`
            : `Restore the keyring file ${this.keyring.source.file} from backup, or re-enter the credentials with "ml-connector connect".`),
      );
    }
    const [version, ivB64, ctB64, tagB64] = secret.sealed.split('.');
    if (version !== 'v1' || !ivB64 || ctB64 === undefined || !tagB64) {
      throw new VaultKeyMissingError(secret.keyId, 'A stored credential is not in a format this version can read.');
    }
    const tag = Buffer.from(tagB64, 'base64');
    // GCM accepts tags cut down to 4 bytes unless told otherwise; a shorter tag is a forgery made easier.
    if (tag.length !== TAG_BYTES) {
      throw new VaultKeyMissingError(
        secret.keyId,
        `A stored credential has a ${tag.length}-byte integrity tag (${TAG_BYTES} expected): it was altered. Re-enter it with "ml-connector connect".`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // GCM refuses tampered or mis-keyed data: say so rather than return garbage.
      throw new VaultKeyMissingError(
        secret.keyId,
        `A stored credential failed its integrity check under key ${secret.keyId}: it was altered or belongs to another record. Re-enter it with "ml-connector connect".`,
      );
    }
  }
}
