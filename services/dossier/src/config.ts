import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { ConfigError, loadConfig, PlatformConfig } from '@fg/platform';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The dossier service's own settings, on top of the platform's; validated once at start-up. */
export class DossierConfig extends PlatformConfig {
  /** How often each instance looks for dossiers that just became overdue. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(50) @Max(3_600_000) DOSSIER_OVERDUE_SCAN_MS: number = 5000;
  /** Dossiers flagged per scan transaction; the next scan takes the rest. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_000) DOSSIER_OVERDUE_BATCH: number = 500;
  /**
   * Secret the citizen look-up keys are derived from (HMAC of the dossier id), so a replayed intake can
   * return the same key while only its hash is stored. Defaults to JWT_SECRET; set it in production.
   */
  @IsOptional() @IsString() @MinLength(16) DOSSIER_LOOKUP_SECRET?: string;
}

export const DOSSIER_CONFIG = Symbol('DOSSIER_CONFIG');

export function loadDossierConfig(env: NodeJS.ProcessEnv = process.env): DossierConfig {
  const config = loadConfig(DossierConfig, env);
  if (!config.DOSSIER_LOOKUP_SECRET && !config.JWT_SECRET) {
    throw new ConfigError('invalid configuration:\n  set DOSSIER_LOOKUP_SECRET (look-up keys of dossier receipts)');
  }
  return config;
}

export const lookupSecretOf = (c: DossierConfig): string => c.DOSSIER_LOOKUP_SECRET ?? c.JWT_SECRET!;
