import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from './kafka-client';

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
