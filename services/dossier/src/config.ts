import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { ConfigError, envInt, loadConfig, PlatformConfig } from '@fg/platform';

/** The dossier service's own settings, on top of the platform's; validated once at start-up. */
export class DossierConfig extends PlatformConfig {
  /** How often each instance looks for dossiers that just became overdue. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(50) @Max(3_600_000) DOSSIER_OVERDUE_SCAN_MS: number = 5000;
  /** Dossiers flagged per scan transaction; the next scan takes the rest. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(10_000) DOSSIER_OVERDUE_BATCH: number = 500;
  /**
   * Concurrent intakes are written in one transaction per group (see DossierIntakeService): at most this many
   * per group (1 = every intake in a transaction of its own)...
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(500) DOSSIER_INTAKE_GROUP_MAX: number = 64;
  /**
   * ...and at most this many groups at a time; intakes arriving meanwhile wait for the next group. Fewer groups
   * in flight make larger groups, hence fewer statements (and socket writes) per intake: 2 beat 4 by ~25 % in
   * throughput and p99 on the 2-core bench machine (services/dossier/README.md).
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(64) DOSSIER_INTAKE_GROUPS_IN_FLIGHT: number = 2;
  /**
   * Secret the citizen look-up keys are derived from (HMAC of the dossier id), so a replayed intake can
   * return the same key while only its hash is stored. Defaults to JWT_SECRET; set it in production.
   */
  @IsOptional() @IsString() @MinLength(16) DOSSIER_LOOKUP_SECRET?: string;
  /**
   * How far back an intake's `receivedAt` may go (default 60 days: last month's paper dossiers typed in late):
   * older would rewrite closed periods' statistics. Only an `admin` caller (the migration of historical
   * dossiers) may go further back.
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(3660) DOSSIER_RECEIVED_MAX_AGE_DAYS: number = 60;
  /** Wrong look-up keys one client address may try per window on the public look-up (then 429 + Retry-After). */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(100_000) DOSSIER_LOOKUP_MISSES: number = 20;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(86_400) DOSSIER_LOOKUP_WINDOW_SECONDS: number = 600;
}

export const DOSSIER_CONFIG = Symbol('DOSSIER_CONFIG');

export function loadDossierConfig(env: NodeJS.ProcessEnv = process.env): DossierConfig {
  const config = loadConfig(DossierConfig, env);
  if (!config.DOSSIER_LOOKUP_SECRET && !config.JWT_SECRET) {
    throw new ConfigError(
      'invalid configuration:\n  set DOSSIER_LOOKUP_SECRET (look-up keys of dossier receipts)',
    );
  }
  return config;
}

export const lookupSecretOf = (c: DossierConfig): string => c.DOSSIER_LOOKUP_SECRET ?? c.JWT_SECRET!;
