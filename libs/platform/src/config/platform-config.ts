import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { SEAL_PUBLIC_KEY_CONFIG_PATTERN } from '../sealing/seal-keys';

/** Default of STATS_MAX_STALE_MS: a dashboard answer may lag the data by at most this (StatsCache). */
export const DEFAULT_STATS_MAX_STALE_MS = 1000;

/** class-transformer's `@Transform` for an integer setting: unset or empty stays unset, anything else a number. */
export const envInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** Environment every service reads; validated at start-up so a typo fails loudly instead of at first use. */
export class PlatformConfig {
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(65535) PORT?: number;
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/friendly_gov';
  /** Postgres schema this service owns; defaults to the service name. */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DB_SCHEMA must be a lower-case SQL identifier' })
  DB_SCHEMA?: string;
  /** Connections the service's pool may open (node-postgres `max`). */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(200) DB_POOL_MAX: number = 20;
  @IsString() @MinLength(3) KAFKA_BROKERS: string = '127.0.0.1:9092';
  /** Prepended to every topic and consumer group: isolates test runs or tenants sharing a broker. */
  @IsOptional() @Matches(/^[a-zA-Z0-9._-]*$/) KAFKA_TOPIC_PREFIX: string = '';
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(1000) KAFKA_PARTITIONS: number = 12;
  /**
   * The Kafka client id (default `fg-<service>`). Group members carry it, so an instance named apart (e.g.
   * `fg-queue-2`) can be told from its siblings in `kafka-consumer-groups --describe` and removed alone.
   */
  @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,100}$/) KAFKA_CLIENT_ID?: string;
  /**
   * The service's own Kafka principal (SASL; docs/platform.md, "Kafka credentials and ACLs"): the broker's
   * ACLs let it write only its own topic. Unset: no SASL, for a broker without authentication.
   */
  @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,64}$/) KAFKA_SASL_USERNAME?: string;
  @IsOptional() @IsString() KAFKA_SASL_PASSWORD?: string;
  @IsOptional() @IsIn(['scram-sha-512', 'scram-sha-256', 'plain']) KAFKA_SASL_MECHANISM:
    'scram-sha-512' | 'scram-sha-256' | 'plain' = 'scram-sha-512';
  /** Consumer tuning (see EventConsumerOptions): events per transaction, bytes per fetch, partitions applied at once. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(100000) CONSUMER_CHUNK_SIZE?: number;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(512) CONSUMER_FETCH_MAX_MB?: number;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(64) CONSUMER_PARTITIONS_CONCURRENTLY?: number;
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET?: string;
  @IsOptional() @IsString() JWT_PUBLIC_KEY?: string;
  /**
   * The province's OpenID Connect provider (`https://sso.example.gov.vn/realms/province`): its tokens are
   * verified with the keys of its discovery document's `jwks_uri`. Then OIDC_AUDIENCE is required, and in
   * production (NODE_ENV=production) tokens of the local key (JWT_SECRET/JWT_PUBLIC_KEY) are no longer accepted.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'OIDC_ISSUER must be the issuer URL (https://..., no query)' })
  OIDC_ISSUER?: string;
  /** The `aud` the provider puts in tokens for these services (its client id or resource indicator). */
  @IsOptional() @IsString() @MinLength(1) OIDC_AUDIENCE?: string;
  /** Claim with the caller's roles (array or space-separated); a dotted path reaches nested claims. */
  @IsOptional() @IsString() @MinLength(1) OIDC_ROLES_CLAIM: string = 'roles';
  /** Claim with the unit codes the caller acts for (array or space/comma-separated; '*' for all). */
  @IsOptional() @IsString() @MinLength(1) OIDC_UNITS_CLAIM: string = 'units';
  /** How long the provider's key set is cached; a withdrawn key stops being accepted within this time. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(86400) OIDC_JWKS_CACHE_SECONDS: number = 600;
  /** Least time between two key-set fetches caused by tokens with an unknown `kid`. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(0) @Max(3600) OIDC_JWKS_COOLDOWN_SECONDS: number = 30;
  /** Tolerated clock difference with the token issuer when checking `exp` and `nbf`. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(0) @Max(300) JWT_CLOCK_SKEW_SECONDS: number = 30;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: string =
    'info';
  /** `json` or `pretty` (one readable line per event); unset: pretty when stdout is a terminal, else JSON. */
  @IsOptional() @IsIn(['json', 'pretty']) LOG_FORMAT?: 'json' | 'pretty';
  /**
   * Origins allowed to call the API from a browser, comma-separated (`https://portal.example.vn`); default none:
   * the office pages are same-origin. See http-hygiene.ts.
   */
  @IsOptional()
  @Matches(/^\s*(https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\s*(,\s*|$))*$/, {
    message: 'CORS_ORIGINS must be comma-separated origins such as https://portal.example.vn',
  })
  CORS_ORIGINS?: string;
  /**
   * Bearer token Prometheus sends to scrape `/metrics` (`authorization: {credentials: ...}` in its scrape
   * config); unset: `/metrics` is off (404). The figures name routes and volumes, so they are not public.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;
  /** Largest JSON body (KiB) of any route; a route may allow more (ServiceAppInfo.bodyLimits). */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(65536) HTTP_BODY_LIMIT_KB: number = 1024;
  /** Largest JSON body (KiB) under /api/v1/public/ (no login): a citizen's answers fit in a few KiB. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(65536) HTTP_PUBLIC_BODY_LIMIT_KB: number = 16;
  /** Time a client has to send its request headers, and its whole request; then the socket is closed (slow loris). */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1000) @Max(600000) HTTP_HEADERS_TIMEOUT_MS: number = 10000;
  @IsOptional() @Transform(envInt) @IsInt() @Min(1000) @Max(600000) HTTP_REQUEST_TIMEOUT_MS: number = 30000;
  /** Idle time of a kept-alive connection between two requests. */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1000) @Max(600000) HTTP_KEEP_ALIVE_TIMEOUT_MS: number = 5000;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (Express `trust proxy`): a hop count (`1`) or
   * comma-separated addresses, CIDRs or Express's names (`loopback`, `uniquelocal`, `10.0.0.0/8`). Unset: none,
   * the client is the socket's peer; otherwise a client reaching a service directly could rotate the header
   * past the per-address limits (look-up misses, board streams).
   */
  @IsOptional()
  @Matches(/^\s*(\d{1,2}|[A-Za-z0-9.:/]+(\s*,\s*[A-Za-z0-9.:/]+)*)\s*$/, {
    message:
      'TRUST_PROXY must be a hop count or comma-separated proxy addresses/CIDRs such as loopback,10.0.0.0/8',
  })
  TRUST_PROXY?: string;
  /**
   * The notify service's current sealing key, `keyId:base64url` (issue #18; docs/platform.md, "Sealed contacts and
   * crypto-shredding"): a producer seals citizens' contact details to it. Unset: no contact goes on the bus.
   */
  @IsOptional()
  @Matches(SEAL_PUBLIC_KEY_CONFIG_PATTERN, {
    message: 'NOTIFY_SEAL_PUBLIC_KEY must be keyId:base64url (a 32-byte X25519 public key)',
  })
  NOTIFY_SEAL_PUBLIC_KEY?: string;
  /**
   * How old a cached statistics answer may be once a commit made it out of date (StatsCache): served for up to
   * this many ms after its computation started while one refresh recomputes it; 0 serves only current answers.
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(0) @Max(60_000) STATS_MAX_STALE_MS: number =
    DEFAULT_STATS_MAX_STALE_MS;
  /** Create the database and schema when missing (local runs); off in managed deployments. */
  @IsOptional() @IsIn(['true', 'false']) DB_AUTO_CREATE: string = 'true';
}

export class ConfigError extends Error {}

/** Validates `env` into `cls`; throws one error listing every bad variable. */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { exposeDefaultValues: true });
  const errors = validateSync(config as object, { forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.map(
      (e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = config as unknown as PlatformConfig;
  if (!c.JWT_SECRET && !c.JWT_PUBLIC_KEY && !c.OIDC_ISSUER)
    throw new ConfigError(
      'invalid configuration:\n  set OIDC_ISSUER and OIDC_AUDIENCE, or JWT_SECRET (HS256) or JWT_PUBLIC_KEY (RS256)',
    );
  if (c.OIDC_ISSUER && !c.OIDC_AUDIENCE)
    throw new ConfigError('invalid configuration:\n  OIDC_AUDIENCE is required with OIDC_ISSUER');
  if (!c.KAFKA_SASL_USERNAME !== !c.KAFKA_SASL_PASSWORD)
    throw new ConfigError(
      'invalid configuration:\n  set both KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, or neither (no SASL)',
    );
  return config;
}
