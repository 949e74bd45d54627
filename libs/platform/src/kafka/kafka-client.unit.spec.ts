import { logLevel } from 'kafkajs';
import { loadConfig, PlatformConfig } from '../config/platform-config';
import { kafkaLogLevel, kafkaSasl } from './kafka-client';

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
