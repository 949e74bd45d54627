import type { SealedContact } from '@fg/contracts';
import { openSealedContact, parseSealKeyring, type SealKeyring } from '@fg/platform';
import { aProvince, anIntake, DossierTestKit, startDossierKit, tokens } from '../../testing/dossier-test-kit';

/*
 * Issue #18 item 2: the applicant's phone and e-mail reach the notify service only sealed for it, in
 * dossier.received, and only when the applicant consented. The dossier row keeps them as the owner's data.
 */
const [province, commune] = aProvince('CT');
const CLEAR = /912345678|huong@example\.vn|Nguyễn Thị Hương/;

describe('an applicant contact at intake', () => {
  let kit: DossierTestKit;
  let keyring: SealKeyring;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_contact', [province, commune]);
    keyring = await parseSealKeyring(kit.env.seal.keyring);
  });
  afterAll(() => kit.close());

  const post = (body: object, auth = tokens.portal()) =>
    kit.http().post('/api/v1/dossiers').set('Authorization', auth).send(body);
  const withContact = (applicant: object, overrides: object = {}) => {
    const base = anIntake(commune.code);
    return { ...base, ...overrides, applicant: { ...base.applicant, ...applicant } };
  };
  const receivedOf = async (id: string) => {
    const events = await kit.dossierEvents((es) =>
      es.some((e) => e.subject === id && e.type === 'dossier.received'),
    );
    return events.find((e) => e.subject === id && e.type === 'dossier.received')!;
  };

  describe('when the applicant consents', () => {
    it('seals phone and e-mail for notify into dossier.received; only notify opens it, for this dossier', async () => {
      const res = await post(withContact({ phone: '0912 345 678', contactConsent: true })).expect(201);
      const received = await receivedOf(res.body.id);
      expect(received.raw).not.toMatch(CLEAR);
      expect(received.data.contact.keyId).toBe('notify-test');
      await expect(
        openSealedContact(received.data.contact as SealedContact, keyring, { subject: res.body.id }),
      ).resolves.toEqual({
        ok: true,
        keyId: 'notify-test',
        contact: { phone: '+84912345678', email: 'huong@example.vn' },
      });
      // The owner's row keeps the contact as given, with the consent.
      const [row] = await kit.db.query('SELECT applicant FROM dossiers WHERE id = $1', [res.body.id]);
      expect(row.applicant).toMatchObject({ phone: '0912 345 678', contactConsent: true });
    });

    it('seals an online dossier when it is accepted, not when it is registered', async () => {
      const res = await post(withContact({ contactConsent: true }, { channel: 'ONLINE' })).expect(201);
      const registered = (await kit.dossierEvents((es) => es.some((e) => e.subject === res.body.id))).find(
        (e) => e.subject === res.body.id,
      )!;
      expect(registered.type).toBe('dossier.registered');
      expect(registered.data).not.toHaveProperty('contact');
      await kit
        .http()
        .post(`/api/v1/dossiers/${res.body.id}/accept`)
        .set('Authorization', tokens.officer(commune.code))
        .expect(200);
      const received = await receivedOf(res.body.id);
      await expect(
        openSealedContact(received.data.contact as SealedContact, keyring, { subject: res.body.id }),
      ).resolves.toMatchObject({ ok: true, contact: { phone: '+84912345678' } });
    });
  });

  describe('without consent', () => {
    it.each([[{}], [{ contactConsent: false }]])('publishes no contact (%p)', async (applicant) => {
      const res = await post(withContact(applicant)).expect(201);
      expect((await receivedOf(res.body.id)).data).not.toHaveProperty('contact');
    });
  });

  describe('bad input', () => {
    it.each([
      ['phone', { phone: '024 3812 3456' }],
      ['phone', { phone: '+12025550123' }],
      ['phone', { phone: 912345678 }],
      ['email', { email: 'huong@localhost' }],
      ['email', { email: 'nguyen huong@example.vn' }],
      ['contactConsent', { contactConsent: 'yes' }],
    ])('refuses a bad %s with 400 naming it, storing nothing', async (field, applicant) => {
      const before = (await kit.db.query('SELECT count(*)::int AS n FROM dossiers'))[0].n;
      const res = await post(withContact(applicant)).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
      expect((await kit.db.query('SELECT count(*)::int AS n FROM dossiers'))[0].n).toBe(before);
    });
  });

  it('leaves nothing personal in clear on the dossier topic', async () => {
    const all = await kit.allDossierEvents();
    expect(all.some((e) => e.data.contact)).toBe(true);
    expect(all.filter((e) => CLEAR.test(e.raw)).map((e) => e.raw)).toEqual([]);
  });
});
