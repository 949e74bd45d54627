import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
// merge: resolve the `<<: *service` anchors the way Compose does.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
  readFileSync(join(root, 'scripts/kafka/pom.xml'), 'utf8'),
)![1];

// Every service in the repository (services/<name>): compose, the image and the database list must know each one.
const serviceNames = readdirSync(join(root, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('docker-compose.yml', () => {
  it('knows every service of the repository (five since notify, issue #18)', () => {
    expect(serviceNames).toEqual(['dossier', 'notify', 'queue', 'rating', 'survey']);
    for (const name of serviceNames) expect(compose.services[name]).toBeDefined();
  });

  it('runs the same Apache Kafka version as the local broker, in KRaft mode', () => {
    expect(compose.services.kafka.image).toBe(`apache/kafka:${kafkaVersion}`);
    const script = compose.services.kafka.command.join('\n');
    expect(script).toContain('process.roles=broker,controller');
  });

  it('runs the broker with SASL/SCRAM and ACLs only (issue #16 row 7): no plaintext listener, no anonymous access', () => {
    const script = compose.services.kafka.command.join('\n');
    expect(script).toContain(
      'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT',
    );
    expect(script).toContain('authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(script).toContain('allow.everyone.if.no.acl.found=false');
    expect(script).not.toMatch(/super\.users=.*ANONYMOUS/);
    expect(compose.services.kafka.environment.KAFKA_ADMIN_PASSWORD).toMatch(/^\$\{KAFKA_ADMIN_PASSWORD:\?/);
  });

  it.each(serviceNames)('runs %s with health checks, its own database and no baked secret', (name) => {
    const svc = compose.services[name];
    expect(svc.build.args.SERVICE).toBe(name);
    expect(svc.healthcheck.test.join(' ')).toMatch(/\/health/);
    expect(svc.depends_on).toEqual({
      kafka: { condition: 'service_healthy' },
      'kafka-acls': { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
    });
    // Its own Kafka principal (ACLs allow it to write only its own topic), password from .env.
    expect(svc.environment.KAFKA_SASL_USERNAME).toBe(name);
    expect(svc.environment.KAFKA_SASL_PASSWORD).toMatch(
      new RegExp(`^\\$\\{KAFKA_${name.toUpperCase()}_PASSWORD`),
    );
    expect(svc.environment.DATABASE_URL).toMatch(new RegExp(`@postgres:5432/${name}$`));
    expect(svc.environment.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(svc.restart).toBe('unless-stopped');
  });

  it('gives notify the keys it cannot start without, and the broker a SCRAM user for it (issue #18)', () => {
    const env = compose.services.notify.environment;
    expect(env.NOTIFY_SEAL_KEYS).toMatch(/^\$\{NOTIFY_SEAL_KEYS:\?/);
    expect(env.NOTIFY_CONTACT_KEY).toMatch(/^\$\{NOTIFY_CONTACT_KEY:\?/);
    for (const name of ['SMPP_URL', 'SMTP_URL', 'NOTIFY_PUBLIC_URL']) expect(env).toHaveProperty(name);
    expect(compose.services.kafka.environment.KAFKA_NOTIFY_PASSWORD).toMatch(/^\$\{KAFKA_NOTIFY_PASSWORD:\?/);
    expect(compose.services.kafka.command.join('\n')).toContain('scram notify');
    // Producers seal citizens' contacts to notify's public key.
    for (const name of ['queue', 'dossier'])
      expect(compose.services[name].environment).toHaveProperty('NOTIFY_SEAL_PUBLIC_KEY');
  });

  it('builds every service in the image: its package.json is copied before npm ci', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf('RUN npm ci'));
    for (const name of serviceNames)
      expect(beforeInstall).toContain(`COPY services/${name}/package.json services/${name}/`);
  });

  it('creates one database per service on first start and keeps data in volumes', () => {
    const init = readFileSync(join(root, 'docker/postgres/init-databases.sql'), 'utf8');
    for (const name of serviceNames) expect(init).toContain(`CREATE DATABASE ${name};`);
    expect(Object.keys(compose.volumes)).toEqual(['kafka-data', 'postgres-data']);
  });
});
