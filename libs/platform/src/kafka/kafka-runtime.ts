import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform-config';
import { PG_POOL, PLATFORM_CONFIG, PLATFORM_OPTIONS } from '../config/tokens';
import { EVENT_CONSUMERS, EventConsumerDefinition } from '../consumer/consumer-definition';
import { EventConsumer } from '../consumer/event-consumer';
import { ROOT_LOGGER } from '../logging/root-logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import type { PlatformModuleOptions } from '../platform.options';
import {
  createIdempotentProducer,
  createKafka,
  ensureTopics,
  kafkaSasl,
  KafkaSettings,
} from './kafka-client';

/**
 * Owns the service's Kafka resources. Start: topics, producer, outbox relay (module init), then consumers
 * once the whole app is up. SIGTERM: consumers stop fetching and commit their batch, the relay flushes
 * what is committed, then the producer and admin disconnect.
 */
@Injectable()
export class KafkaRuntime implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly settings: KafkaSettings;
  private readonly kafka: Kafka;
  private admin?: Admin;
  private producer?: Producer;
  private relay?: OutboxRelay;
  private consumers: EventConsumer[] = [];

  constructor(
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformModuleOptions,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_CONSUMERS) private readonly definitions: EventConsumerDefinition[],
    private readonly dataSource: DataSource,
  ) {
    this.settings = {
      brokers: config.KAFKA_BROKERS.split(',').map((b) => b.trim()),
      clientId: config.KAFKA_CLIENT_ID ?? `fg-${options.service}`,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      partitions: config.KAFKA_PARTITIONS,
      sasl: kafkaSasl(config),
    };
    this.kafka = createKafka(this.settings, logger.child({ component: 'kafka' }));
  }

  async onModuleInit(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    await ensureTopics(this.admin, this.settings);
    this.producer = createIdempotentProducer(this.kafka);
    await this.producer.connect();
    this.relay = new OutboxRelay({
      pool: this.pool,
      producer: this.producer,
      schema: this.schema,
      topicPrefix: this.settings.topicPrefix,
      logger: this.logger.child({ component: 'outbox-relay' }),
    });
    if (this.options.relay !== false) await this.relay.start();
  }

  onApplicationBootstrap(): void {
    for (const definition of this.definitions) {
      const consumer = new EventConsumer({
        kafka: this.kafka,
        producer: this.producer!,
        dataSource: this.dataSource,
        definition,
        service: this.options.service,
        topicPrefix: this.settings.topicPrefix,
        logger: this.logger.child({ component: 'consumer', consumer: definition.name }),
        chunkSize: this.config.CONSUMER_CHUNK_SIZE,
        fetchMaxBytes: this.config.CONSUMER_FETCH_MAX_MB && this.config.CONSUMER_FETCH_MAX_MB * 1024 * 1024,
        partitionsConsumedConcurrently: this.config.CONSUMER_PARTITIONS_CONCURRENTLY,
      });
      this.consumers.push(consumer);
      // Not awaited: joining a group can wait out the session timeout (30 s) of the member a killed predecessor
      // left behind. The service answers HTTP meanwhile and consumes as soon as it has joined.
      consumer.launch();
    }
  }

  // Before TypeORM closes its pool (its own hook runs at onApplicationShutdown).
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.consumers.map((c) => c.stop().catch((err) => this.logger.warn({ err }, 'consumer stop failed'))),
    );
    this.consumers = [];
    await this.relay?.stop();
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  get schema(): string {
    return this.config.DB_SCHEMA ?? this.options.service;
  }

  /** The relay, for tests and tools that stop or drive publishing explicitly. */
  get outboxRelay(): OutboxRelay {
    return this.relay!;
  }

  async describeCluster(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('broker did not answer')), timeoutMs);
    });
    const cluster = await Promise.race([this.admin!.describeCluster(), timeout]).finally(() =>
      clearTimeout(timer),
    );
    return cluster.brokers.length;
  }
}
