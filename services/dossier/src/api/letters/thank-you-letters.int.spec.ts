import { RenderedPdfCache } from '../../application/rendered-pdf-cache';
import {
  aProvince,
  anIntake,
  binaryBody,
  DossierTestKit,
  pdfText,
  startDossierKit,
  tokens,
} from '../../testing/dossier-test-kit';

const [province, unit, other] = aProvince('TY');

describe('letters of thanks over HTTP', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_thanks', [province, unit, other]);
  });
  afterAll(() => kit.close());

  const officer = tokens.officer(unit.code, 'officer-7');
  const issue = (body: object, auth = officer, unitCode = unit.code) =>
    kit.http().post(`/api/v1/units/${unitCode}/thank-you-letters`).set('Authorization', auth).send(body);
  const stored = async () => Number((await kit.db.query(`SELECT count(*) AS n FROM thank_you_letters`))[0].n);
  const audited = async () =>
    Number(
      (await kit.db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'letter.thank-you'`))[0].n,
    );
  const counted = async (unitCode: string) =>
    (
      await kit
        .http()
        .get('/api/v1/stats/timeliness')
        .query({ unitCode })
        .set('Authorization', tokens.viewer(unitCode))
        .expect(200)
    ).body.total.thankYouLetters;

  it('issues a numbered letter, counts it, publishes ids and codes only, and prints it in Vietnamese', async () => {
    const dossier = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code))
        .expect(201)
    ).body;
    const note = 'Ông Tám đã giúp ba cụ cao tuổi nộp hồ sơ trực tuyến';
    const first = await issue({
      recipientKind: 'CITIZEN',
      recipientName: 'Lê Văn Tám',
      reasonCode: 'VOLUNTEER',
      note,
      dossierId: dossier.id,
    }).expect(201);
    expect(first.body).toMatchObject({
      unitCode: unit.code,
      number: 1,
      recipientKind: 'CITIZEN',
      recipientName: 'Lê Văn Tám',
      reasonCode: 'VOLUNTEER',
      note,
      dossierId: dossier.id,
      dossierCode: dossier.code,
      issuedBy: 'officer-7',
    });
    const second = await issue({
      recipientKind: 'ORGANISATION',
      recipientName: 'Hội Cựu chiến binh phường',
      reasonCode: 'CONTRIBUTED_FEEDBACK',
    }).expect(201);
    expect(second.body.number).toBe(2);
    expect(
      await kit.db.query(`SELECT action, actor_id, details FROM audit_log WHERE subject = $1`, [
        first.body.id,
      ]),
    ).toEqual([
      {
        action: 'letter.thank-you',
        actor_id: 'officer-7',
        details: { number: 1, recipientKind: 'CITIZEN', reasonCode: 'VOLUNTEER', dossierId: dossier.id },
      },
    ]);
    expect(await counted(unit.code)).toBe(2);
    expect(await counted(other.code)).toBe(0);

    await kit.dossierEvents((es) => es.some((e) => e.subject === second.body.id));
    const events = (await kit.allDossierEvents()).filter((e) => e.type === 'dossier.thank-you-letter-issued');
    const ofFirst = events.find((e) => e.subject === first.body.id)!;
    expect(ofFirst.key).toBe(first.body.id);
    expect(ofFirst.data).toEqual({
      letterId: first.body.id,
      number: 1,
      recipientKind: 'CITIZEN',
      reasonCode: 'VOLUNTEER',
      dossierId: dossier.id,
      at: first.body.issuedAt,
      actorId: 'officer-7',
    });
    expect(ofFirst.raw).not.toMatch(/Lê Văn Tám|giúp ba cụ/);

    const pdf = await kit
      .http()
      .get(`/api/v1/units/${unit.code}/thank-you-letters/${first.body.id}.pdf`)
      .set('Authorization', tokens.viewer(unit.code))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body);
    for (const expected of [
      'TỈNH BẮC GIANG',
      'PHƯỜNG LÊ LỢI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'THƯ CẢM ƠN',
      'Số: 1/TCO',
      'Kính gửi: Ông/Bà Lê Văn Tám',
      'Phường Lê Lợi trân trọng cảm ơn Ông/Bà Lê Văn Tám đã tình nguyện hỗ trợ',
      `hồ sơ mã số ${dossier.code}`,
      `Nội dung: ${note}`,
      'THỦ TRƯỞNG CƠ QUAN',
    ]) {
      expect(text).toContain(expected);
    }
    // Another unit's officer neither sees the letter nor reaches it through its own unit's path.
    await kit
      .http()
      .get(`/api/v1/units/${unit.code}/thank-you-letters/${first.body.id}.pdf`)
      .set('Authorization', tokens.viewer(other.code))
      .expect(403);
    await kit
      .http()
      .get(`/api/v1/units/${other.code}/thank-you-letters/${first.body.id}.pdf`)
      .set('Authorization', tokens.viewer(other.code))
      .expect(404);
  });

  // Issue #16 follow-up 3: like the apology, a letter costs its rendering once, not on every download.
  it('renders a letter once however often and however concurrently it is downloaded', async () => {
    const letter = (
      await issue({ recipientKind: 'CITIZEN', recipientName: 'Đỗ Thị Lan', reasonCode: 'VOLUNTEER' }).expect(
        201,
      )
    ).body;
    const renders = () => kit.app.get(RenderedPdfCache).renders;
    const download = () =>
      kit
        .http()
        .get(`/api/v1/units/${unit.code}/thank-you-letters/${letter.id}.pdf`)
        .set('Authorization', officer)
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
        .then((res) => res.body as Buffer);
    const before = renders();
    const first = await download();
    const again = await Promise.all(Array.from({ length: 6 }, download));
    expect(renders()).toBe(before + 1);
    for (const pdf of again) expect(pdf.equals(first)).toBe(true);
    expect(await pdfText(first)).toContain('Kính gửi: Ông/Bà Đỗ Thị Lan');
  });
  describe('when the input is bad', () => {
    const valid = {
      recipientKind: 'CITIZEN',
      recipientName: 'Phạm Thị Hoa',
      reasonCode: 'PROMPT_SUPPLEMENT',
    };

    it.each([
      [
        'an unknown recipient kind',
        { ...valid, recipientKind: 'PERSON' },
        400,
        'REQUEST.INVALID',
        /recipientKind must be one of CITIZEN, ORGANISATION/,
      ],
      [
        'a blank recipient name',
        { ...valid, recipientName: '   ' },
        400,
        'REQUEST.INVALID',
        /recipientName must not be blank/,
      ],
      [
        'a recipient name over 200 characters',
        { ...valid, recipientName: 'x'.repeat(201) },
        400,
        'REQUEST.INVALID',
        /recipientName must be shorter than or equal to 200/,
      ],
      [
        'an unknown reason code',
        { ...valid, reasonCode: 'BRAVERY' },
        400,
        'REQUEST.INVALID',
        /reasonCode must be one of CONTRIBUTED_FEEDBACK/,
      ],
      [
        'OTHER without a note',
        { ...valid, reasonCode: 'OTHER' },
        400,
        'THANK_YOU.NOTE_REQUIRED',
        /note is required when reasonCode is OTHER/,
      ],
      [
        'a note over 1000 characters',
        { ...valid, note: 'n'.repeat(1001) },
        400,
        'REQUEST.INVALID',
        /note must be shorter than or equal to 1000/,
      ],
      [
        'a dossier id that is not a UUID',
        { ...valid, dossierId: 'not-a-uuid' },
        400,
        'REQUEST.INVALID',
        /dossierId must be a UUID/,
      ],
      [
        'an unknown dossier',
        { ...valid, dossierId: '6f1c2a52-8d0e-4c3b-9b7a-2f6e0c1d9a40' },
        404,
        'DOSSIER.NOT_FOUND',
        /6f1c2a52/,
      ],
      ['an unknown field', { ...valid, extra: 1 }, 400, 'REQUEST.INVALID', /property extra should not exist/],
    ])('answers %s with %i %s and stores nothing', async (_, body, status, code, message) => {
      const before = await stored();
      const auditedBefore = await audited();
      const res = await issue(body).expect(status);
      expect(res.body).toMatchObject({ code });
      expect(res.body.message).toMatch(message);
      expect(await stored()).toBe(before);
      expect(await audited()).toBe(auditedBefore);
    });

    it('refuses a dossier of another unit (409) and a caller outside the unit or without the officer role (403)', async () => {
      const elsewhere = (
        await kit
          .http()
          .post('/api/v1/dossiers')
          .set('Authorization', tokens.portal())
          .send(anIntake(other.code))
          .expect(201)
      ).body;
      const before = await stored();
      const res = await issue({ ...valid, dossierId: elsewhere.id }).expect(409);
      expect(res.body).toMatchObject({ code: 'THANK_YOU.DOSSIER_OF_OTHER_UNIT' });
      expect(res.body.message).toMatch(/dossierId/);
      await issue(valid, tokens.officer(other.code)).expect(403);
      await issue(valid, tokens.viewer(unit.code)).expect(403);
      expect(await stored()).toBe(before);
    });
  });
});
