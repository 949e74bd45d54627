require('reflect-metadata');
// Integration specs talk to a real broker and database; group joins and migrations take seconds.
jest.setTimeout(120000);

// Dashboards answer strictly current data in tests (a spec reads right after it writes), as `npm test` sets it
// (scripts/test.mjs); here too, so that a direct `npx jest <spec>` behaves the same. The bounded-stale mode the
// services run with by default has its own spec (libs/platform/src/database/stats-cache.int.spec.ts).
process.env.STATS_MAX_STALE_MS ??= '0';

// The project's local broker (scripts/kafka/kafka.mjs) requires SASL/SCRAM. `npm test` passes its admin
// credentials; a direct `KAFKA_BROKERS=127.0.0.1:9092 npx jest ...` gets them here, but only when that address is
// the local broker's (its pid file), so a broker without authentication elsewhere is still reached without SASL.
if (!process.env.KAFKA_SASL_USERNAME) {
  const fs = require('node:fs');
  const path = require('node:path');
  const dir = path.join(__dirname, '.cache', 'kafka');
  try {
    const broker = JSON.parse(fs.readFileSync(path.join(dir, 'broker.pid'), 'utf8'));
    const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
    if (broker.config && brokers === `127.0.0.1:${broker.port}`) {
      const creds = JSON.parse(fs.readFileSync(path.join(dir, 'credentials.json'), 'utf8'));
      process.env.KAFKA_SASL_USERNAME = 'admin';
      process.env.KAFKA_SASL_PASSWORD = creds.admin;
    }
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
}
