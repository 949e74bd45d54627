import { fromLocal } from '@fg/kernel';
import { decideDossier } from './decide-dossier';
import { issueApology, type IssueApology } from './dossier-apology';
import { aDossierIn, officer } from './testing/dossier-builders';
import { timeContext } from './testing/calendars';

const ctx = timeContext();
const director = { id: 'director-1', role: 'officer' };
/** In progress, due Thu 10 Jul 2025 17:00 local (closing time, docs/domain.md §Due dates). */
const inProgress = () => aDossierIn('IN_PROGRESS');
const apology = (overrides: Partial<IssueApology> = {}): IssueApology => ({
  reason: 'Cần xác minh thêm thông tin với cơ quan khác',
  newDueAt: fromLocal('2025-07-14 09:00'),
  signer: 'Nguyễn Văn A, Chủ tịch UBND phường',
  now: fromLocal('2025-07-08 10:00'),
  ...overrides,
});

describe('apology with a new appointment', () => {
  it('records the apology and keeps the original due date for timeliness', () => {
    const d = inProgress();
    const { state, events } = issueApology(apology(), director, d, ctx);
    expect(state.clock?.dueAt).toEqual(fromLocal('2025-07-10 17:00'));
    expect(state.apology).toEqual({
      reason: 'Cần xác minh thêm thông tin với cơ quan khác',
      signer: 'Nguyễn Văn A, Chủ tịch UBND phường',
      issuedAt: fromLocal('2025-07-08 10:00'),
      issuedBy: 'director-1',
      originalDueAt: fromLocal('2025-07-10 17:00'),
      newDueAt: fromLocal('2025-07-14 09:00'),
      noticeInTime: true,
    });
    expect(events).toMatchObject([
      { type: 'DossierApologyIssued', data: { from: 'IN_PROGRESS', to: 'IN_PROGRESS', noticeInTime: true } },
    ]);
  });

  // One working day before is counted by date since issue #15 (§Due dates): Wednesday is in time for a
  // Thursday appointment whatever the hour; an apology on the due date itself is not.
  it('notes an apology given less than one working day before the due date', () => {
    expect(
      issueApology(apology({ now: fromLocal('2025-07-09 16:59') }), director, inProgress(), ctx).state.apology
        ?.noticeInTime,
    ).toBe(true);
    const { state } = issueApology(
      apology({ now: fromLocal('2025-07-10 07:00') }),
      director,
      inProgress(),
      ctx,
    );
    expect(state.apology?.noticeInTime).toBe(false);
  });

  it('is allowed once: the same letter again does nothing, another one is refused', () => {
    const once = issueApology(apology(), director, inProgress(), ctx).state;
    expect(issueApology(apology(), director, once, ctx)).toEqual({ state: once, events: [] });
    expect(() =>
      issueApology(apology({ newDueAt: fromLocal('2025-07-15 09:00') }), director, once, ctx),
    ).toThrow(expect.objectContaining({ code: 'DOSSIER.APOLOGY_ALREADY_ISSUED' }));
  });

  it.each([
    ['equal to the due date', '2025-07-10 17:00', 'DOSSIER.APOLOGY_DATE_NOT_LATER'],
    ['before the due date', '2025-07-09 09:00', 'DOSSIER.APOLOGY_DATE_NOT_LATER'],
    ['on a Saturday', '2025-07-12 09:00', 'DOSSIER.APOLOGY_DATE_NOT_WORKING_TIME'],
    ['at lunch time', '2025-07-14 12:00', 'DOSSIER.APOLOGY_DATE_NOT_WORKING_TIME'],
    ['on Quốc khánh', '2025-09-02 09:00', 'DOSSIER.APOLOGY_DATE_NOT_WORKING_TIME'],
  ])('refuses a new date %s', (_label, local, code) => {
    expect(() => issueApology(apology({ newDueAt: fromLocal(local) }), director, inProgress(), ctx)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it.each(['REGISTERED', 'RESOLVED', 'WITHDRAWN'] as const)('is not allowed for a %s dossier', (status) => {
    expect(() => issueApology(apology(), director, aDossierIn(status), ctx)).toThrow(
      expect.objectContaining({ code: 'DOSSIER.APOLOGY_NOT_ALLOWED' }),
    );
  });

  it('needs a reason and a signer', () => {
    expect(() => issueApology(apology({ reason: ' ' }), director, inProgress(), ctx)).toThrow(
      expect.objectContaining({ code: 'DOSSIER.REASON_REQUIRED' }),
    );
    expect(() => issueApology(apology({ signer: '' }), director, inProgress(), ctx)).toThrow(
      expect.objectContaining({ code: 'DOSSIER.REASON_REQUIRED' }),
    );
  });

  it('counts a dossier finished after its due date as late with apology', () => {
    const apologised = issueApology(apology(), director, inProgress(), ctx).state;
    const { state } = decideDossier(
      { action: 'resolve', now: fromLocal('2025-07-11 10:00'), outcome: 'APPROVED' },
      officer,
      apologised,
      ctx,
    );
    expect(state.status === 'RESOLVED' && state.finish.timeliness).toMatchObject({
      timeliness: 'LATE',
      apologyIssued: true,
      apologyDueAt: fromLocal('2025-07-14 09:00'),
      lateWithoutApology: false,
    });
  });

  it('moves the new appointment too when the dossier is later paused for supplement', () => {
    const apologised = issueApology(apology(), director, inProgress(), ctx).state;
    const paused = decideDossier(
      { action: 'request-supplement', now: fromLocal('2025-07-08 11:00'), reason: 'Bổ sung' },
      officer,
      apologised,
      ctx,
    ).state;
    const { state } = decideDossier(
      { action: 'supplement-received', now: fromLocal('2025-07-09 11:00') },
      officer,
      paused,
      ctx,
    );
    expect(state.apology?.newDueAt).toEqual(fromLocal('2025-07-15 09:00'));
    expect(state.clock?.dueAt).toEqual(fromLocal('2025-07-11 17:00'));
  });
});
