import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { SURVEY_CONFIG, SurveyConfig } from '../config';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * One-time invitation tokens. A token is HMAC-SHA256(secret, invitation id): 32 url-safe bytes that no one
 * can guess without the secret. The database keeps only SHA-256(token), so a leaked dump or backup
 * cannot answer anyone's survey; yet the service can hand the token again to whoever must deliver it
 * (the counter tablet, the receipt's QR code) by recomputing it from the id, which a plain random
 * token stored as a hash would not allow.
 */
@Injectable()
export class InvitationTokens {
  private readonly secret: string;

  constructor(@Inject(SURVEY_CONFIG) config: SurveyConfig) {
    this.secret = (config.SURVEY_TOKEN_SECRET ?? config.JWT_SECRET)!;
  }

  tokenFor(invitationId: string): string {
    return createHmac('sha256', this.secret).update(invitationId).digest('base64url');
  }

  hashOf(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /** Anything not shaped like a token is an unknown token (404) without touching the database. */
  looksValid(token: string): boolean {
    return TOKEN_PATTERN.test(token);
  }
}
