import { aProvince, anIntake, DossierTestKit, startDossierKit, tokens } from '../../testing/dossier-test-kit';

const [province, commune] = aProvince('HB');

/**
 * Issue #16 follow-up 1: without TRUST_PROXY (the default) a client that reaches the service directly cannot
 * rotate X-Forwarded-For to get fresh look-up misses; the limit counts the socket's peer. The same limit with
 * TRUST_PROXY=loopback, where the header is believed, is in http-hygiene.int.spec.ts.
 */
describe('the public look-up limit when no proxy is trusted', () => {
  let kit: DossierTestKit;
  let dossier: { code: string; lookupKey: string };

  beforeAll(async () => {
    delete process.env.TRUST_PROXY;
    kit = await startDossierKit('dossier_no_proxy', [province, commune], { DOSSIER_LOOKUP_MISSES: '3' });
    dossier = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(commune.code))
        .expect(201)
    ).body;
  });
  afterAll(async () => {
    delete process.env.DOSSIER_LOOKUP_MISSES;
    await kit.close();
  });

  const lookup = (key: string, spoofed: string) =>
    kit.http().get(`/api/v1/public/dossiers/${dossier.code}`).query({ key }).set('X-Forwarded-For', spoofed);

  it('keeps refusing with 429 whatever address X-Forwarded-For claims once the misses are used up', async () => {
    for (let i = 0; i < 3; i++) await lookup(`WRONGKEY${i}`, `198.51.100.${i + 1}`).expect(404);
    const limited = await lookup(dossier.lookupKey, '198.51.100.99').expect(429);
    expect(limited.body.code).toBe('DOSSIER.LOOKUP_RATE_LIMITED');
    const rows: { key: string; hits: number }[] = await kit.db.query(
      `SELECT key, hits FROM rate_limit_windows WHERE key LIKE 'lookup:%'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].key).not.toContain('198.51.100');
    expect(rows[0].hits).toBe(3);
  });
});
