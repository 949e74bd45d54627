import { envInt, loadConfig, PlatformConfig, SEAL_KEYRING_CONFIG_PATTERN } from '@fg/platform';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';

/** The notify service's settings on top of the platform's; validated at start-up. */
export class NotifyConfig extends PlatformConfig {
  /**
   * The secrets of notify's seal key epochs, `keyId:base64url,…` (docs/platform.md, "Sealed contacts and
   * crypto-shredding"). Dropping an epoch from here (and every backup) shreds every copy sealed to it.
   */
  @IsString()
  @Matches(SEAL_KEYRING_CONFIG_PATTERN, {
    message: 'NOTIFY_SEAL_KEYS must be keyId:base64url[,keyId:base64url…]',
  })
  NOTIFY_SEAL_KEYS!: string;
  /** Secret (≥ 32 bytes, base64url) for contact fingerprints, the at-rest key of contacts and opt-out links. */
  @IsString() @MinLength(43) NOTIFY_CONTACT_KEY!: string;
  /** SMSC: `smpp://host:port` (SMPP 3.4 transceiver). Unset: SMS are recorded as skipped (CHANNEL_OFF). */
  @IsOptional() @Matches(/^smpps?:\/\/[^\s/:]+:\d{1,5}$/) SMPP_URL?: string;
  /** PEM file of a CA to trust for `smpps://` (an operator's private CA); the system's CAs otherwise. */
  @IsOptional() @IsString() @MaxLength(500) SMPP_CA_FILE?: string;
  @IsOptional() @IsString() @MaxLength(16) SMPP_SYSTEM_ID: string = 'notify';
  @IsOptional() @IsString() @MaxLength(9) SMPP_PASSWORD: string = 'notify';
  /** Sender id shown on the phone (alphanumeric brand name or short code). */
  @IsOptional() @IsString() @MaxLength(11) SMPP_SOURCE_ADDR: string = 'MOTCUA';
  /** Mail server: `smtp://host:port` or `smtps://…`. Unset: e-mails are recorded as skipped (CHANNEL_OFF). */
  @IsOptional() @Matches(/^smtps?:\/\/\S+$/) SMTP_URL?: string;
  @IsOptional() @IsString() @MaxLength(200) MAIL_FROM: string =
    'Bo phan mot cua <no-reply@motcua.example.vn>';
  /** Where citizens reach this service's public pages (the opt-out link in e-mails). */
  @IsOptional() @IsUrl({ require_tld: false }) NOTIFY_PUBLIC_URL: string = 'http://127.0.0.1:3005';
  /**
   * Where a SURVEY_LINK message sends the citizen: survey's public route for notify's signed dossier link;
   * `{link}` is replaced by `{dossierId}.{mac}` (libs/platform links/dossier-survey-link.ts).
   */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(/\{link\}/, { message: 'NOTIFY_SURVEY_URL must contain {link}' })
  NOTIFY_SURVEY_URL: string = 'http://127.0.0.1:3003/khao-sat/{link}';
  /** Secret shared with survey for those links (≥ 16 characters); falls back to JWT_SECRET. */
  @IsOptional() @IsString() @MinLength(16) SURVEY_LINK_KEY?: string;
  /** Allow plain-http webhooks to loopback hosts (local development). Default: on unless NODE_ENV=production. */
  @IsOptional() @Transform(toBool) @IsBoolean() NOTIFY_ALLOW_LOOPBACK_HTTP?: boolean;
  @IsOptional() @Transform(envInt) @IsInt() @Min(20) @Max(60000) NOTIFY_DISPATCH_INTERVAL_MS: number = 250;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(1000) NOTIFY_DISPATCH_BATCH: number = 50;
  /** A SENT SMS without a receipt after this long is asked about with query_sm. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(86400) NOTIFY_RECEIPT_WAIT_SECONDS: number = 600;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1000) @Max(120000) NOTIFY_WEBHOOK_TIMEOUT_MS: number = 10000;
  /**
   * A message another process left SENDING for longer than this was cut off by a crash (longer than any
   * hand-over lasts, so a live instance's sends are not taken over).
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(0) @Max(600000) NOTIFY_SEND_WINDOW_MAX_MS: number = 30000;
  /**
   * How long contacts are kept (data minimisation, Decree 13/2023): a kiosk phone serves one visit (default
   * 24 hours); an applicant's contact the dossier's life and its survey link (default 180 days).
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(720) NOTIFY_TICKET_CONTACT_HOURS: number = 24;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(3650) NOTIFY_DOSSIER_CONTACT_DAYS: number = 180;
  @IsOptional() @Transform(envInt) @IsInt() @Min(100) @Max(3600000) NOTIFY_RETENTION_INTERVAL_MS: number =
    60000;
}

export const NOTIFY_CONFIG = Symbol('NOTIFY_CONFIG');

export const loadNotifyConfig = (): NotifyConfig => {
  const c = loadConfig(NotifyConfig);
  if (!c.SURVEY_LINK_KEY && !c.JWT_SECRET)
    throw new Error('invalid configuration:\n  set SURVEY_LINK_KEY (SIPAS links shared with survey)');
  return c;
};

export const allowLoopbackHttp = (c: NotifyConfig): boolean =>
  c.NOTIFY_ALLOW_LOOPBACK_HTTP ?? process.env.NODE_ENV !== 'production';
