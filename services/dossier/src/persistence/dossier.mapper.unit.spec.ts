import { fromLocal } from '@fg/kernel';
import { DOSSIER_STATUSES, issueApology } from '../domain';
import { timeContext } from '../domain/testing/calendars';
import { aDossierIn, officer } from '../domain/testing/dossier-builders';
import { fromRow, insertColumns, type DossierRow } from './dossier.mapper';
import type { DossierExtras } from './dossier.record';

const extras: DossierExtras = {
  externalId: 'portal-1',
  requestHash: 'h',
  ticketId: null,
  procedureName: 'Đăng ký khai sinh',
  applicant: { fullName: 'Nguyễn Thị Hương' },
  lookupKeyHash: 'k',
};

/** What Postgres hands back: JSON columns parsed, numerics as strings. */
const asStored = (cols: Record<string, any>) =>
  ({
    ...cols,
    apology: cols.apology && JSON.parse(cols.apology),
    timeliness_facts: cols.timeliness_facts && JSON.parse(cols.timeliness_facts),
    applicant: JSON.parse(cols.applicant),
    processing_amount: String(cols.processing_amount),
  }) as DossierRow;

describe('the dossier row', () => {
  it.each(DOSSIER_STATUSES)('keeps a %s dossier exactly as the domain left it', (status) => {
    const d = aDossierIn(status);
    const back = fromRow(asStored(insertColumns(d, extras)));
    expect(back.state).toEqual(d);
    expect(back.extras).toMatchObject(extras);
  });

  it('keeps the apology with its dates', () => {
    const d = aDossierIn('IN_PROGRESS');
    const { state } = issueApology(
      {
        reason: 'Chờ xác minh',
        signer: 'Trần Văn Bình',
        newDueAt: fromLocal('2025-07-14 09:00'),
        now: fromLocal('2025-07-08 10:00'),
      },
      officer,
      d,
      timeContext(),
    );
    expect(fromRow(asStored(insertColumns(state, extras))).state).toEqual(state);
  });
});
