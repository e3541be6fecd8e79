import type { Result } from 'neverthrow';
import type { PressluftError } from '../errors/pressluft-error.js';
import type { SealedSecret } from '../secrets/sealed-secret.js';

/** What the engine needs of secret sealing: seal before storing, open before use. */
export interface SecretSealer {
  /** Seal a secret with the active key. */
  seal(plaintext: string): Result<SealedSecret, PressluftError>;
  /** Open a sealed secret with whichever known key sealed it. */
  open(sealed: SealedSecret): Result<string, PressluftError>;
}
