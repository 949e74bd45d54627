import { fromLocal } from '@fg/kernel';
import { decode, encode, REPEAT_SUPPLEMENT_GROUNDS as CONTRACT_GROUNDS } from '@fg/contracts';
import { decideDossier, type Dossier, type DossierDecision } from '../domain';
import { REPEAT_SUPPLEMENT_GROUNDS } from '../domain/supplement-once';
import { timeContext } from '../domain/testing/calendars';
import { aDossierIn, officer } from '../domain/testing/dossier-builders';
import { toContractEvents } from './dossier-contract-events';
import { statsDeltas } from './dossier-stats-deltas';

const ctx = timeContext();
const published = (d: DossierDecision) =>
  toContractEvents(d.events, {
    state: d.state,
    applicant: { fullName: 'Trần Văn Bình' },
    ticketId: null,
    minutesPerWorkingDay: 480,
    correlationId: 'corr-1',
  }).map((e) => decode(encode(e)));
const request = (d: Dossier, local: string, groundCode?: string) =>
  decideDossier(
    { action: 'request-supplement', now: fromLocal(local), reasonCode: 'MISSING_DOCUMENT', groundCode },
    officer,
    d,
    ctx,
  );

describe('a repeated supplement request leaving the dossier service (docs/domain.md §Supplement requests)', () => {
  const first = request(aDossierIn('IN_PROGRESS'), '2025-07-08 10:00');
  const resumed = decideDossier(
    { action: 'supplement-received', now: fromLocal('2025-07-08 14:00') },
    officer,
    first.state,
    ctx,
  ).state;
  const repeat = request(resumed, '2025-07-09 09:00', 'LEGAL_REQUIREMENT_CHANGED');

  it('publishes a first request as not repeated, without a ground', () => {
    const [event] = published(first);
    expect(event).toMatchObject({ type: 'dossier.supplement-requested', data: { repeatSupplement: false } });
    expect(event.data).not.toHaveProperty('groundCode');
  });

  it('publishes a repeat with its flag and ground code, codes only', () => {
    expect(published(repeat)).toMatchObject([
      {
        type: 'dossier.supplement-requested',
        data: {
          repeatSupplement: true,
          groundCode: 'LEGAL_REQUIREMENT_CHANGED',
          reasonCode: 'MISSING_DOCUMENT',
        },
      },
    ]);
  });

  it('counts only the repeat in the daily statistics, on the local day of the request', () => {
    expect(statsDeltas(first.events, first.state)).toEqual([]);
    expect(statsDeltas(repeat.events, repeat.state)).toEqual([
      {
        unitCode: repeat.state.unitCode,
        procedureCode: repeat.state.procedureCode,
        day: '2025-07-09',
        counts: { repeated_supplements: 1 },
      },
    ]);
  });

  it('uses the same ground catalogue as the contract', () => {
    expect([...REPEAT_SUPPLEMENT_GROUNDS]).toEqual([...CONTRACT_GROUNDS]);
  });
});
