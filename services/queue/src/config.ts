import { envInt, loadConfig, PlatformConfig } from '@fg/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** The queue service's own settings on top of the platform's; validated at start-up. */
export class QueueConfig extends PlatformConfig {
  /**
   * Open board streams per client address on one instance (default 50): an office's screens behind one NAT
   * address need a handful; 3,000 from one address held 3,000 sockets (issue #16, row 6).
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(100000) BOARD_STREAMS_PER_ADDRESS: number = 50;
  /** Open board streams on one instance, all addresses (default 1,000); beyond it a 503 sends boards elsewhere. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(100000) BOARD_STREAMS_MAX: number = 1000;
  /**
   * Tickets one kiosk device (its token's subject) may issue per window (default 20 a minute: a citizen needs
   * several seconds at the screen; one token took 1,200 priority numbers in 17 s, issue #16 row 9).
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(100000) QUEUE_KIOSK_TICKET_LIMIT: number = 20;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(86400) QUEUE_KIOSK_TICKET_WINDOW_SECONDS: number =
    60;
  /**
   * The dossier service's origin as the officers' browsers reach it (`https://dossier.example.vn`): the counter
   * console takes in dossiers there, so it is the one origin besides this one in the console's CSP `connect-src`.
   * The dossier service must list this service's origin in its `CORS_ORIGINS`. Unset: the console has no intake.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, {
    message: 'DOSSIER_PUBLIC_URL must be an origin such as https://dossier.example.vn (no path)',
  })
  DOSSIER_PUBLIC_URL?: string;
}

export const QUEUE_CONFIG = Symbol('QUEUE_CONFIG');

export const loadQueueConfig = (): QueueConfig => loadConfig(QueueConfig);
