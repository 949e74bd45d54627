import { envInt, loadConfig, PlatformConfig } from '@fg/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DEFAULT_INVITATION_TTL_MS, InvitationKind } from './domain';

/** The survey service's own settings on top of the platform's; validated at start-up. */
export class SurveyConfig extends PlatformConfig {
  /** Key for invitation tokens (HMAC); falls back to JWT_SECRET. Changing it voids every open invitation. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'SURVEY_TOKEN_SECRET must be at least 16 characters' })
  SURVEY_TOKEN_SECRET?: string;
  /**
   * Secret shared with notify for the SIPAS links it sends (libs/platform links/dossier-survey-link.ts); falls
   * back to JWT_SECRET. Changing it voids the links already sent (the invitations stay answerable by token).
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'SURVEY_LINK_KEY must be at least 16 characters' })
  SURVEY_LINK_KEY?: string;
  /**
   * Secrets retired from SURVEY_LINK_KEY, comma-separated: links signed with them still open (a rotation does
   * not void the links already sent; drop an old secret once its links' invitations have expired).
   */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^[^,\s]{16,}(,[^,\s]{16,})*$/, {
    message: 'SURVEY_LINK_PREVIOUS_KEYS must be comma-separated secrets of at least 16 characters each',
  })
  SURVEY_LINK_PREVIOUS_KEYS?: string;
  /** Kiosk responses one device may send per window (default 10 a minute: a citizen needs longer to answer). */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(10000) SURVEY_KIOSK_LIMIT: number = 10;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(86400) SURVEY_KIOSK_WINDOW_SECONDS: number = 60;
  /** Paper forms one staff account may type in per window (default 100 an hour: a day's stack, not a flood). */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(10000) SURVEY_PAPER_LIMIT: number = 100;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(86400) SURVEY_PAPER_WINDOW_SECONDS: number = 3600;
  /**
   * How far back a paper form's `answeredAt` may go (default 60 days: a month's forms typed in during the next
   * month). Older forms would rewrite closed periods' statistics.
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(366) SURVEY_PAPER_MAX_AGE_DAYS: number = 60;
  /** Override the domain's token lifetimes (tablet 10 minutes, SIPAS 30 days). */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(1440) SURVEY_TABLET_TTL_MINUTES?: number;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(365) SURVEY_SIPAS_TTL_DAYS?: number;
}

export const SURVEY_CONFIG = Symbol('SURVEY_CONFIG');

export const loadSurveyConfig = (): SurveyConfig => {
  const c = loadConfig(SurveyConfig);
  if (!c.SURVEY_TOKEN_SECRET && !c.JWT_SECRET)
    throw new Error('invalid configuration:\n  set SURVEY_TOKEN_SECRET (invitation tokens)');
  return c;
};

export const invitationTtls = (c: SurveyConfig): Record<InvitationKind, number> => ({
  TABLET: c.SURVEY_TABLET_TTL_MINUTES
    ? c.SURVEY_TABLET_TTL_MINUTES * 60_000
    : DEFAULT_INVITATION_TTL_MS.TABLET,
  SIPAS: c.SURVEY_SIPAS_TTL_DAYS ? c.SURVEY_SIPAS_TTL_DAYS * 86_400_000 : DEFAULT_INVITATION_TTL_MS.SIPAS,
});
