import 'reflect-metadata';
import { IsString, Matches } from 'class-validator';

/*
 * Contact details travel only sealed for the notify service (issue #18 item 2; docs/platform.md, "Sealed
 * contacts and crypto-shredding"): a libsodium sealed box (X25519 + XSalsa20-Poly1305, anonymous sender)
 * to the public key of one of notify's key epochs, written with libs/platform `sealContact`. To every other
 * reader, a DLQ or a log it is an opaque token: the no-free-text walk sees two patterned strings that refuse
 * phone numbers, e-mail addresses and sentences (no-free-text.unit.spec.ts).
 */

/** A key epoch's id, e.g. `notify-20261206`: a lower-case letter first, so it never looks like a number. */
export const SEAL_KEY_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
/**
 * The box in base64url without padding. At least 64 characters (the 48 bytes a sealed box adds already
 * take 64), at most 800: a 254-character e-mail, a phone and the binding fit in under 600.
 */
export const SEALED_BOX_PATTERN = /^[A-Za-z0-9_-]{64,800}$/;

/** A contact sealed for notify: the key epoch's id and the box. */
export class SealedContact {
  /** The notify key epoch the box is sealed to. */
  @IsString()
  @Matches(SEAL_KEY_ID_PATTERN, { message: '$property must be a key id (a-z first, then a-z, 0-9, -; 2-32)' })
  keyId!: string;

  /** libsodium sealed box, base64url; only the notify service can open it. */
  @IsString()
  @Matches(SEALED_BOX_PATTERN, { message: '$property must be a sealed box (64-800 base64url characters)' })
  box!: string;
}
