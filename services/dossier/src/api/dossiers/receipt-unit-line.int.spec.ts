import { addDays, toLocalDate } from '@fg/kernel';
import { recordSuccessions } from '@fg/platform/testing';
import {
  aCommune,
  anIntake,
  DossierTestKit,
  startDossierKit,
  tokens,
  type TestUnit,
} from '../../testing/dossier-test-kit';

const province: TestUnit = { code: 'PRL', name: 'Tỉnh Bắc Ninh', level: 'PROVINCE', parentCode: null };
const commune = (code: string, name: string) => aCommune(code, name, province.code);
const old = commune('CRLA', 'Phường Lê Lợi');
const other = commune('CRLB', 'Phường Trần Phú');
const merged = commune('CRLC', 'Phường Bắc Giang');
const later = commune('CRLD', 'Phường Đa Mai');
const future = commune('CRLE', 'Phường Tân Tiến');

/*
 * docs/domain.md §Administrative units: the receipt (the intake's 201) names the unit as the public look-up
 * does. Once A was merged into C, a receipt of A's dossier (the portal prints it again: a replay by
 * externalId) reads 'Phường Lê Lợi (nay là Phường Bắc Giang)'; a merger dated in the future changes nothing
 * before its date.
 */
describe('the unit line on a receipt', () => {
  let kit: DossierTestKit;
  const today = toLocalDate(new Date());
  const receive = (unitCode: string, externalId: string) =>
    kit
      .http()
      .post('/api/v1/dossiers')
      .set('Authorization', tokens.portal())
      .send(anIntake(unitCode, { externalId }))
      .expect((r) => {
        if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
      });

  beforeAll(async () => {
    kit = await startDossierKit('dossier_receipt_unit_line', [province, old, other, merged, later, future]);
  });

  afterAll(() => kit.close());

  it("shows the unit's own name while it has no successor", async () => {
    const { body } = await receive(old.code, 'rl-1');
    expect(body.unit).toEqual({ code: old.code, name: old.name, nowPartOf: [], label: old.name });
  });

  it("shows 'nay là' the successor on a receipt of the old unit's dossier after the merger", async () => {
    await recordSuccessions(kit.env.topicPrefix, kit.db, [
      {
        successionId: 11,
        predecessors: [old.code, other.code],
        successors: [merged.code],
        effectiveDate: addDays(today, -3),
      },
      {
        successionId: 12,
        predecessors: [later.code, future.code],
        successors: [merged.code],
        effectiveDate: addDays(today, 30),
      },
    ]);
    const { body } = await receive(old.code, 'rl-1');
    expect(body.unit).toEqual({
      code: old.code,
      name: old.name,
      nowPartOf: [{ code: merged.code, name: merged.name, since: addDays(today, -3) }],
      label: 'Phường Lê Lợi (nay là Phường Bắc Giang)',
    });
  });

  it('leaves a unit whose merger is dated in the future as it is until the date', async () => {
    const { body } = await receive(later.code, 'rl-2');
    expect(body.unit.label).toBe(later.name);
    expect(body.unit.nowPartOf).toEqual([]);
  });
});
