import { ConfigError, envInt, loadConfig, PlatformConfig } from '@fg/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/** The appointment settings of the queue service's environment (issue #19); validated at start-up. */
export class AppointmentConfig extends PlatformConfig {
  /**
   * Secret of the keyed hash (HMAC-SHA256) of a citizen's phone or ID number, for the per-person booking
   * limit; only the hash is stored. Defaults to JWT_SECRET; set it in production.
   */
  @IsOptional() @IsString() @MinLength(16) APPOINTMENT_PERSON_SECRET?: string;
  /** How often the no-show job looks for bookings past their grace time (default every 60 s). */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1000) @Max(3_600_000) APPOINTMENT_NO_SHOW_SCAN_MS: number =
    60_000;
  /** Public bookings (the /book page) one client address may make per hour (default 10). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  APPOINTMENT_PUBLIC_BOOKINGS_PER_HOUR: number = 10;
}

export const APPOINTMENT_CONFIG = Symbol('APPOINTMENT_CONFIG');

export function loadAppointmentConfig(env: NodeJS.ProcessEnv = process.env): AppointmentConfig {
  const config = loadConfig(AppointmentConfig, env);
  if (!config.APPOINTMENT_PERSON_SECRET && !config.JWT_SECRET)
    throw new ConfigError(
      'invalid configuration:\n  set APPOINTMENT_PERSON_SECRET (keyed hash of phone or ID numbers of bookings)',
    );
  return config;
}

export const personSecretOf = (c: AppointmentConfig): string => c.APPOINTMENT_PERSON_SECRET ?? c.JWT_SECRET!;
