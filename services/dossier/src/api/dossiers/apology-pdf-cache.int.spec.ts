import { addWorkingMinutes, createWorkingCalendar, DEFAULT_WORKING_HOURS } from '../../domain';
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

const [province, unit] = aProvince('PC');

/**
 * Issue #16, row 14: the apology PDF cost ~100 ms of CPU on every download, and 40 parallel downloads delayed
 * every other request. It is drawn once per apology and inputs now (RenderedPdfCache).
 */
describe('downloading an apology letter again', () => {
  let kit: DossierTestKit;
  beforeAll(async () => {
    kit = await startDossierKit('dossier_apology_pdf', [province, unit]);
  });
  afterAll(() => kit.close());

  const officer = tokens.officer(unit.code, 'officer-3');
  const renders = () => kit.app.get(RenderedPdfCache).renders;
  const download = (id: string) =>
    kit
      .http()
      .get(`/api/v1/dossiers/${id}/apology.pdf`)
      .set('Authorization', officer)
      .buffer(true)
      .parse(binaryBody)
      .expect(200)
      .then((res) => res.body as Buffer);

  it('renders the letter once however often and however concurrently it is downloaded, and again only when what it shows changed', async () => {
    const d = (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code, { procedureCode: 'CU-THUONG-TRU' }))
        .expect(201)
    ).body;
    await kit.http().post(`/api/v1/dossiers/${d.id}/start`).set('Authorization', officer).expect(200);
    const newDueAt = addWorkingMinutes(
      new Date(d.dueAt),
      8 * 60,
      createWorkingCalendar(),
      DEFAULT_WORKING_HOURS,
    );
    await kit
      .http()
      .post(`/api/v1/dossiers/${d.id}/apology`)
      .set('Authorization', officer)
      .send({ reason: 'Chờ kết quả xác minh', newDueAt: newDueAt.toISOString(), signer: 'Trần Văn Bình' })
      .expect(201);

    const before = renders();
    const first = await download(d.id);
    const again = await Promise.all(Array.from({ length: 8 }, () => download(d.id)));
    expect(renders()).toBe(before + 1);
    for (const pdf of again) expect(pdf.equals(first)).toBe(true);
    expect(await pdfText(first)).toContain('Trạng thái hồ sơ: Đang xử lý');

    // The letter shows the dossier's status: once that changes, the cached letter is no longer the right one.
    await kit.http().post(`/api/v1/dossiers/${d.id}/withdraw`).set('Authorization', officer).expect(200);
    const changed = await download(d.id);
    expect(renders()).toBe(before + 2);
    expect(await pdfText(changed)).not.toContain('Trạng thái hồ sơ: Đang xử lý');
  });
});
