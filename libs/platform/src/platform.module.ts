import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { DataSource, DataSourceOptions } from 'typeorm';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { UNIT_LOOKUP, UnitAccess } from './auth/unit-access';
import { UNIT_ANCESTRY, UnitScope } from './auth/unit-scope';
import { UnitScopedGuard } from './auth/unit-scoped';
import { loadConfig, PlatformConfig } from './config/platform-config';
import { PG_POOL, PLATFORM_CONFIG, PLATFORM_OPTIONS } from './config/tokens';
import { EVENT_CONSUMERS } from './consumer/consumer-definition';
import { ensureDatabaseAndSchema } from './database/database-bootstrap';
import { guardedPgClient } from './database/guarded-pg-client';
import { PlatformTables1730000000000 } from './database/platform-tables.migration';
import { HealthController } from './health/health.controller';
import { DeferredBodyGuard } from './http/deferred-body';
import { KafkaHealthIndicator } from './health/kafka.health';
import { KafkaRuntime } from './kafka/kafka-runtime';
import { createRootLogger, ROOT_LOGGER } from './logging/root-logger';
import { MetricsController } from './metrics/metrics.controller';
import type { PlatformModuleOptions } from './platform.options';
import { AuditLogRepository } from './audit/audit-log';
import { AuditLogHttpController } from './audit/audit-log.http.controller';
import { AuditLog1730000000003 } from './audit/audit-log.migration';
import { LocalUnitsConsumer } from './units/local-units.consumer';
import { LocalUnitSuccessions1730000000002 } from './units/local-unit-successions.migration';
import { LocalUnits1730000000001 } from './units/local-units.migration';
import { LocalUnitsHttpController } from './units/local-units.http.controller';
import { LocalUnitsRepository } from './units/local-units.repository';

/**
 * Everything a service shares: validated config, Postgres (own schema, migrations on start, never
 * synchronize), Kafka (topics, outbox relay, batch consumers with inbox and DLQ), JWT auth, logging,
 * /health and /metrics. Services import it once with their entities, migrations and consumers.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    const consumerTypes = [...(options.localUnits ? [LocalUnitsConsumer] : []), ...(options.consumers ?? [])];
    const migrations = [
      PlatformTables1730000000000,
      ...(options.localUnits ? [LocalUnits1730000000001, LocalUnitSuccessions1730000000002] : []),
      ...(options.auditLog ? [AuditLog1730000000003] : []),
      ...((options.migrations as Function[]) ?? []),
    ];
    const ancestry: Provider = options.localUnits
      ? { provide: UNIT_ANCESTRY, useExisting: LocalUnitsRepository }
      : { provide: UNIT_ANCESTRY, useClass: options.unitAncestry! };
    if (!options.localUnits && !options.unitAncestry)
      throw new Error('PlatformModule needs localUnits or unitAncestry');

    const configProvider: Provider = {
      provide: PLATFORM_CONFIG,
      useFactory: () => loadConfig(PlatformConfig),
    };
    // The database's warnings (a connection lost while handed out or while idle) go to the root logger the
    // options factory receives; the data source factory that attaches the pool's listener gets only the options.
    let dbLog: Logger;
    const loggerProvider: Provider = {
      provide: ROOT_LOGGER,
      inject: [PLATFORM_CONFIG],
      useFactory: (c: PlatformConfig) => createRootLogger(options.service, c.LOG_LEVEL),
    };
    return {
      module: PlatformModule,
      imports: [
        // nestjs-pino only as Nest's logger (over the root logger). Its per-request middlewares (pino-http's child
        // logger, the AsyncLocalStorage context) are not mounted: `requestObserver` (http/request-observer.ts) sets
        // the correlation id and writes the access log instead.
        LoggerModule.forRootAsync({
          providers: [configProvider, loggerProvider],
          inject: [ROOT_LOGGER],
          useFactory: (logger: Logger) => ({ pinoHttp: { logger }, forRoutes: [] }),
        }),
        TypeOrmModule.forRootAsync({
          extraProviders: [configProvider, loggerProvider],
          inject: [PLATFORM_CONFIG, ROOT_LOGGER],
          useFactory: (c: PlatformConfig, log: Logger): DataSourceOptions => {
            const schema = c.DB_SCHEMA ?? options.service;
            dbLog = log;
            return {
              type: 'postgres',
              url: c.DATABASE_URL,
              schema,
              entities: options.entities ?? [],
              migrations,
              migrationsTableName: 'migrations',
              synchronize: false,
              migrationsRun: false,
              // jit=off: the services send short statements over aggregate tables, where JIT compilation costs
              // more than it saves; a dashboard read over many branches is estimated above jit_above_cost and
              // spent 300–480 ms compiling for ~30 ms of execution (issue #21, EXPLAIN ANALYZE on 4M dossiers).
              extra: {
                options: `-c search_path=${schema},public -c jit=off`,
                max: c.DB_POOL_MAX,
                // Every connection keeps an 'error' listener while the pool hands it out: a database restart
                // could otherwise crash the service (guarded-pg-client.ts).
                Client: guardedPgClient((err) =>
                  log.warn(
                    { code: err.code, reason: err.message },
                    'database connection lost as it was handed out; its next statement fails and the pool drops it',
                  ),
                ),
              },
            };
          },
          dataSourceFactory: async (opts) => {
            const o = opts as DataSourceOptions & { url: string; schema: string };
            await ensureDatabaseAndSchema(o.url, o.schema, (process.env.DB_AUTO_CREATE ?? 'true') === 'true');
            const ds = await new DataSource(o).initialize();
            // An idle pooled connection killed by a Postgres restart or failover (57P01) is emitted as an
            // 'error' event; unhandled, it would crash the service. The pool replaces it on next use.
            (ds.driver as unknown as { master: { on(e: 'error', f: (err: Error) => void): void } }).master.on(
              'error',
              (err) =>
                // not the whole error: pg attaches the client object to it
                dbLog.warn(
                  { code: (err as { code?: string }).code, reason: err.message },
                  'idle database connection lost; the pool reconnects on next use',
                ),
            );
            await runMigrationsExclusively(ds, o.schema);
            return ds;
          },
        }),
        TerminusModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        ...(options.localUnits ? [LocalUnitsHttpController] : []),
        ...(options.auditLog ? [AuditLogHttpController] : []),
      ],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: options },
        configProvider,
        loggerProvider,
        {
          provide: PG_POOL,
          inject: [DataSource],
          useFactory: (ds: DataSource) => (ds.driver as unknown as { master: unknown }).master,
        },
        ...consumerTypes,
        { provide: EVENT_CONSUMERS, inject: consumerTypes, useFactory: (...defs: unknown[]) => defs },
        KafkaRuntime,
        KafkaHealthIndicator,
        LocalUnitsRepository,
        AuditLogRepository,
        ancestry,
        UnitScope,
        { provide: UNIT_LOOKUP, useExisting: UNIT_ANCESTRY },
        UnitAccess,
        {
          provide: TokenVerifier,
          inject: [PLATFORM_CONFIG, ROOT_LOGGER],
          useFactory: (c: PlatformConfig, log: Logger) =>
            TokenVerifier.fromConfig(c, {
              onKeySetError: (err) =>
                log.error(
                  { issuer: c.OIDC_ISSUER, reason: err.message },
                  'identity provider keys unavailable: its tokens are refused (401)',
                ),
            }),
        },
        // In this order: JwtAuthGuard sets the caller whose scope UnitScopedGuard checks.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: UnitScopedGuard },
        // Last: a body deferred for its size is read only once the caller is let through (deferred-body.ts).
        { provide: APP_GUARD, useClass: DeferredBodyGuard },
        ...(options.extraProviders ?? []),
      ],
      exports: [
        PLATFORM_CONFIG,
        PLATFORM_OPTIONS,
        ROOT_LOGGER,
        PG_POOL,
        KafkaRuntime,
        LocalUnitsRepository,
        UnitScope,
        UNIT_ANCESTRY,
        UnitAccess,
        TokenVerifier,
      ],
    };
  }
}

/** Several instances may start at once; a session advisory lock lets one migrate while the others wait. */
async function runMigrationsExclusively(ds: DataSource, schema: string): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}
