import { logLevel } from 'kafkajs';
import { loadConfig, PlatformConfig } from '../config/platform-config';
import { awaitTopicLeaders, kafkaLogLevel, kafkaSasl } from './kafka-client';

describe('kafkaLogLevel', () => {
  it("lowers the broker's error answers that kafkajs logs before retrying to debug", () => {
    expect(kafkaLogLevel(logLevel.ERROR, 'Connection', 'Response FindCoordinator(key: 10, version: 2)')).toBe(
      'debug',
    );
  });

  it("lowers the idempotent producer's bounded-retries warning to debug", () => {
    expect(
      kafkaLogLevel(
        logLevel.WARN,
        'Producer',
        'Limiting retries for the idempotent producer may invalidate EoS guarantees',
      ),
    ).toBe('debug');
  });

  it('keeps every other line at the level kafkajs gave it', () => {
    expect(kafkaLogLevel(logLevel.ERROR, 'Consumer', 'Crash: KafkaJSNumberOfRetriesExceeded')).toBe('error');
    expect(kafkaLogLevel(logLevel.ERROR, 'Connection', 'Connection error: connect ECONNREFUSED')).toBe(
      'error',
    );
    expect(kafkaLogLevel(logLevel.WARN, 'Producer', 'some other warning')).toBe('warn');
    expect(kafkaLogLevel(logLevel.INFO, 'Consumer', 'Starting')).toBe('info');
    expect(kafkaLogLevel(logLevel.DEBUG, 'Connection', 'Request Fetch')).toBe('debug');
  });
});

describe('Kafka SASL settings (docs/platform.md, "Kafka credentials and ACLs")', () => {
  const base = { JWT_SECRET: 'test-secret-0123456789abcdef' };

  it("connects as the service's principal with SCRAM-SHA-512 unless another mechanism is named", () => {
    const config = loadConfig(PlatformConfig, {
      ...base,
      KAFKA_SASL_USERNAME: 'survey',
      KAFKA_SASL_PASSWORD: 'pw0123',
    });
    expect(kafkaSasl(config)).toEqual({ mechanism: 'scram-sha-512', username: 'survey', password: 'pw0123' });
    expect(
      kafkaSasl(
        loadConfig(PlatformConfig, {
          ...base,
          KAFKA_SASL_USERNAME: 'survey',
          KAFKA_SASL_PASSWORD: 'pw0123',
          KAFKA_SASL_MECHANISM: 'scram-sha-256',
        }),
      ),
    ).toEqual({ mechanism: 'scram-sha-256', username: 'survey', password: 'pw0123' });
  });

  it('uses no SASL without credentials, for a broker without authentication', () => {
    expect(kafkaSasl(loadConfig(PlatformConfig, base))).toBeUndefined();
  });

  it('refuses a user without a password, a password without a user, and an unknown mechanism', () => {
    expect(() => loadConfig(PlatformConfig, { ...base, KAFKA_SASL_USERNAME: 'survey' })).toThrow(
      /both KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, or neither/,
    );
    expect(() => loadConfig(PlatformConfig, { ...base, KAFKA_SASL_PASSWORD: 'pw0123' })).toThrow(
      /both KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, or neither/,
    );
    expect(() =>
      loadConfig(PlatformConfig, {
        ...base,
        KAFKA_SASL_USERNAME: 'survey',
        KAFKA_SASL_PASSWORD: 'pw0123',
        KAFKA_SASL_MECHANISM: 'gssapi',
      }),
    ).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});

describe('awaitTopicLeaders (ensureTopics after createTopics)', () => {
  const notYet = (type: string) => Object.assign(new Error(type), { type });
  const meta = (leaders: Record<string, number[]>) => ({
    topics: Object.entries(leaders).map(([name, ls]) => ({
      name,
      partitions: ls.map((leader, partitionId) => ({ partitionId, leader })),
    })),
  });
  /** A fake admin that gives the scripted answers in turn, recording the topics each call asked for. */
  const scripted = (...answers: Array<Error | ReturnType<typeof meta>>) => {
    const asked: string[][] = [];
    const admin = {
      fetchTopicMetadata: jest.fn(({ topics }: { topics: string[] }) => {
        asked.push(topics);
        const a = answers[Math.min(asked.length - 1, answers.length - 1)];
        return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
      }),
    };
    return { admin: admin as unknown as Parameters<typeof awaitTopicLeaders>[0], asked };
  };

  it("waits through the broker's 'does not host this topic-partition' and leaderless partitions", async () => {
    const { admin, asked } = scripted(
      notYet('UNKNOWN_TOPIC_OR_PARTITION'),
      meta({ a: [1, -1], b: [1] }),
      notYet('LEADER_NOT_AVAILABLE'),
      meta({ a: [1, 1] }),
    );
    await awaitTopicLeaders(admin, ['a', 'b'], { pollMs: 1 });
    // b had its leader on the second answer and is not asked for again.
    expect(asked).toEqual([['a', 'b'], ['a', 'b'], ['a'], ['a']]);
  });

  it("waits through kafkajs' own retries given up on a 'not there yet' answer (its cause)", async () => {
    const exhausted = Object.assign(new Error('retries exceeded'), { cause: notYet('LEADER_NOT_AVAILABLE') });
    const { admin, asked } = scripted(exhausted, meta({ a: [1] }));
    await awaitTopicLeaders(admin, ['a'], { pollMs: 1 });
    expect(asked).toHaveLength(2);
  });

  it('passes any other error on at once', async () => {
    const { admin, asked } = scripted(notYet('TOPIC_AUTHORIZATION_FAILED'));
    await expect(awaitTopicLeaders(admin, ['a'], { pollMs: 1 })).rejects.toThrow(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(asked).toHaveLength(1);
  });

  it('gives up after its timeout, naming the topics still without leaders and the last answer', async () => {
    const { admin } = scripted(meta({ a: [1], b: [-1] }), notYet('UNKNOWN_TOPIC_OR_PARTITION'));
    await expect(awaitTopicLeaders(admin, ['a', 'b'], { timeoutMs: 30, pollMs: 5 })).rejects.toThrow(
      /topics without leaders after 30 ms \(UNKNOWN_TOPIC_OR_PARTITION\): b$/,
    );
  });
});
