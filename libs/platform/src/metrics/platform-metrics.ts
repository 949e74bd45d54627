import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process: each service is its own process, tests create apps in sequence. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const platformMetrics = {
  httpDuration: new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metricsRegistry],
  }),
  eventsApplied: new Counter({
    name: 'events_applied_total',
    help: 'Consumed events applied to projections (duplicates excluded)',
    labelNames: ['consumer', 'topic'],
    registers: [metricsRegistry],
  }),
  eventsDuplicate: new Counter({
    name: 'events_duplicate_total',
    help: 'Consumed events skipped because the inbox already had them',
    labelNames: ['consumer', 'topic'],
    registers: [metricsRegistry],
  }),
  deadLettered: new Counter({
    name: 'events_dead_lettered_total',
    help: 'Events sent to a .dlq topic',
    labelNames: ['consumer', 'topic'],
    registers: [metricsRegistry],
  }),
  consumerLag: new Gauge({
    name: 'kafka_consumer_lag',
    help: 'Messages behind the partition high watermark at the last batch',
    labelNames: ['consumer', 'topic', 'partition'],
    registers: [metricsRegistry],
  }),
  outboxPublished: new Counter({
    name: 'outbox_published_total',
    help: 'Outbox events published to Kafka',
    registers: [metricsRegistry],
  }),
  outboxBacklog: new Gauge({
    name: 'outbox_backlog',
    help: 'Events committed but not yet published',
    registers: [metricsRegistry],
  }),
};
