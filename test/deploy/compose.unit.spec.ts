import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
// merge: resolve the `<<: *service` anchors the way Compose does.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
  readFileSync(join(root, 'scripts/kafka/pom.xml'), 'utf8'),
)![1];

describe('docker-compose.yml', () => {
  it('runs the same Apache Kafka version as the local broker, in KRaft mode', () => {
    expect(compose.services.kafka.image).toBe(`apache/kafka:${kafkaVersion}`);
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it.each(['queue', 'dossier', 'survey', 'rating'])(
    'runs %s with health checks, its own database and no baked secret',
    (name) => {
      const svc = compose.services[name];
      expect(svc.build.args.SERVICE).toBe(name);
      expect(svc.healthcheck.test.join(' ')).toMatch(/\/health/);
      expect(svc.depends_on).toEqual({
        kafka: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
      expect(svc.environment.DATABASE_URL).toMatch(new RegExp(`@postgres:5432/${name}$`));
      expect(svc.environment.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(svc.restart).toBe('unless-stopped');
    },
  );

  it('creates one database per service on first start and keeps data in volumes', () => {
    const init = readFileSync(join(root, 'docker/postgres/init-databases.sql'), 'utf8');
    for (const name of ['queue', 'dossier', 'survey', 'rating'])
      expect(init).toContain(`CREATE DATABASE ${name};`);
    expect(Object.keys(compose.volumes)).toEqual(['kafka-data', 'postgres-data']);
  });
});
