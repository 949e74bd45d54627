import { fromLocal } from '@fg/kernel';
import { decode, encode } from '@fg/contracts';
import {
  decideDossier,
  DOSSIER_ACTIONS,
  issueApology,
  markOverdue,
  receiveDossier,
  registerDossier,
  type Dossier,
  type DossierCommand,
  type DossierDecision,
} from '../domain';
import { timeContext } from '../domain/testing/calendars';
import { aDossierIn, anIntake, officer } from '../domain/testing/dossier-builders';
import type { Applicant } from '../persistence/dossier.record';
import { eventCalendarVersion, toContractEvents } from './dossier-contract-events';
import { statsDeltas } from './dossier-stats-deltas';

const ctx = timeContext();
const applicant: Applicant = {
  fullName: 'Nguyễn Thị Hương',
  idNumber: '024190000123',
  phone: '0912345678',
  email: 'huong@example.vn',
};
const contractEvents = (d: DossierDecision) =>
  toContractEvents(d.events, {
    state: d.state,
    applicant,
    ticketId: null,
    minutesPerWorkingDay: 480,
    correlationId: 'corr-1',
  });
const later = fromLocal('2025-07-08 10:00');
const command = (action: DossierCommand['action']): DossierCommand =>
  action === 'resolve'
    ? { action, now: later, outcome: 'APPROVED' }
    : action === 'request-supplement' || action === 'refuse'
      ? { action, now: later, reason: `Thiếu CCCD của bà ${applicant.fullName}, gọi ${applicant.phone}` }
      : { action, now: later };

describe('publishing dossier decisions as contract events', () => {
  const starts: Dossier[] = [
    aDossierIn('REGISTERED'),
    aDossierIn('RECEIVED'),
    aDossierIn('IN_PROGRESS'),
    aDossierIn('SUPPLEMENT_REQUESTED'),
    aDossierIn('AWAITING_FEES'),
    aDossierIn('RESOLVED'),
  ];
  const decisions = starts.flatMap((d) =>
    DOSSIER_ACTIONS.flatMap((action) => {
      try {
        const decision = decideDossier(command(action), officer, d, ctx);
        return decision.events.length ? [[`${action} from ${d.status}`, decision] as const] : [];
      } catch {
        return [];
      }
    }),
  );

  it.each(decisions)('%s: valid events keyed by the dossier, without personal data', (_, decision) => {
    const events = contractEvents(decision);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const wire = encode(e).toString();
      expect(decode(wire).type).toBe(e.type);
      expect(e.subject).toBe(decision.state.id);
      expect(e.correlationid).toBe('corr-1');
      expect(wire).not.toMatch(/Nguyễn Thị Hương|0912345678|024190000123|huong@example/);
    }
  });

  it('tells an accepted online dossier as dossier.accepted then dossier.received', () => {
    const d = decideDossier({ action: 'accept', now: later }, officer, aDossierIn('REGISTERED'), ctx);
    expect(contractEvents(d).map((e) => e.type)).toEqual(['dossier.accepted', 'dossier.received']);
  });

  it('tells a registration closed before acceptance apart from a finished dossier', () => {
    const refused = decideDossier(
      { action: 'refuse', now: later, reason: 'Trùng hồ sơ' },
      officer,
      aDossierIn('REGISTERED'),
      ctx,
    );
    expect(contractEvents(refused).map((e) => e.type)).toEqual(['dossier.registration-refused']);
    const withdrawn = decideDossier(
      { action: 'withdraw', now: later },
      officer,
      aDossierIn('REGISTERED'),
      ctx,
    );
    expect(contractEvents(withdrawn).map((e) => e.type)).toEqual(['dossier.registration-withdrawn']);
    const registered = registerDossier({ ...anIntake(), channel: 'ONLINE' }, officer);
    expect(contractEvents(registered)[0]).toMatchObject({
      type: 'dossier.registered',
      data: { status: 'REGISTERED', statusCode: 1, sameDay: false },
    });
  });

  // Issue #16 row 5: masking the applicant's stored identifiers missed unaccented names, spaced phone and ID
  // numbers and addresses; now the officer's words are not published at all, only the catalogue code.
  it('publishes a reason only as its catalogue code; the note stays in the service', () => {
    const note =
      'Thieu CCCD 024 190 000 123 cua ba Nguyen Thi Huong, goi 0912 345 678 / +84912345678, 12 Le Loi';
    const cases = [
      ['request-supplement', 'IN_PROGRESS', 'MISSING_DOCUMENT'],
      ['refuse', 'RECEIVED', 'NOT_IN_COMPETENCE'],
      ['refuse', 'REGISTERED', 'CONDITIONS_NOT_MET'],
      ['request-fees', 'IN_PROGRESS', 'FEE'],
      ['withdraw', 'IN_PROGRESS', 'CITIZEN_REQUEST'],
      ['stop', 'IN_PROGRESS', 'DISPUTE_PENDING'],
    ] as const;
    for (const [action, from, reasonCode] of cases) {
      const d = decideDossier(
        { action, now: later, reason: note, reasonCode },
        officer,
        aDossierIn(from),
        ctx,
      );
      const published = contractEvents(d);
      expect(published[0].data).toMatchObject({ reasonCode });
      const text = published.map((e) => encode(e).toString()).join('\n');
      expect(text).not.toMatch(/Nguyen|Le Loi|0912|\+84|024 190|Thieu/);
      // The note is kept for the history.
      expect(d.events[0].data).toMatchObject({ reason: note, reasonCode });
    }
  });

  it('publishes a supplement request without a catalogued code as OTHER', () => {
    const d = decideDossier(command('request-supplement'), officer, aDossierIn('IN_PROGRESS'), ctx);
    const data = contractEvents(d)[0].data as Record<string, unknown>;
    expect(data).toMatchObject({ reasonCode: 'OTHER' });
    expect(data).not.toHaveProperty('reason');
  });

  it('reports working days used and the facts of a resolution', () => {
    const d = decideDossier(
      { action: 'resolve', now: fromLocal('2025-07-09 09:00'), outcome: 'APPROVED' },
      officer,
      aDossierIn('IN_PROGRESS'),
      ctx,
    );
    expect(contractEvents(d)[0].data).toMatchObject({
      timeliness: 'EARLY',
      workingDaysUsed: 2,
      apologyIssued: false,
      wasOverdue: false,
      outcome: 'APPROVED',
    });
  });

  it('publishes overdue and apology events', () => {
    const overdue = markOverdue(
      { now: fromLocal('2025-07-11 08:00') },
      { id: 'system' },
      aDossierIn('IN_PROGRESS'),
    );
    expect(contractEvents(overdue)[0]).toMatchObject({
      type: 'dossier.overdue',
      data: { dueAt: '2025-07-10T10:00:00.000Z' }, // Thu 10 Jul 17:00 local (§Due dates)
    });
    const apology = issueApology(
      {
        reason: 'Chờ xác minh',
        signer: 'Trần Văn Bình',
        newDueAt: fromLocal('2025-07-14 09:00'),
        now: later,
      },
      officer,
      aDossierIn('IN_PROGRESS'),
      ctx,
    );
    expect(contractEvents(apology)[0]).toMatchObject({
      type: 'dossier.apology-issued',
      data: { newAppointmentAt: '2025-07-14T02:00:00.000Z' },
    });
  });

  it('keeps long multi-year calendar versions within the contract', () => {
    expect(eventCalendarVersion('2025-abc')).toBe('2025-abc');
    expect(eventCalendarVersion(Array(5).fill('2025-0123456789ab').join('+'))).toMatch(
      /^multi-[0-9a-f]{32}$/,
    );
  });
});

describe('dashboard counters of each decision', () => {
  it('counts a receipt on its local day, by channel', () => {
    const d = receiveDossier(
      anIntake({ now: fromLocal('2025-07-07 23:30'), channel: 'POSTAL' }),
      officer,
      ctx,
    );
    expect(statsDeltas(d.events, d.state)).toEqual([
      {
        unitCode: d.state.unitCode,
        procedureCode: d.state.procedureCode,
        day: '2025-07-07',
        counts: { received: 1, received_postal: 1 },
      },
    ]);
  });

  it('counts a late resolution without apology, and nothing for a registration refused before acceptance', () => {
    const late = decideDossier(
      { action: 'resolve', now: fromLocal('2025-07-11 09:00'), outcome: 'APPROVED' },
      officer,
      aDossierIn('IN_PROGRESS'),
      ctx,
    );
    expect(statsDeltas(late.events, late.state)[0].counts).toEqual({
      finished: 1,
      late: 1,
      resolved: 1,
      late_without_apology: 1,
    });
    const refused = decideDossier(
      { action: 'refuse', now: later, reason: 'x' },
      officer,
      aDossierIn('REGISTERED'),
      ctx,
    );
    expect(statsDeltas(refused.events, refused.state)).toEqual([]);
  });

  it('counts same-day procedures finished in time', () => {
    const d = receiveDossier(anIntake({ processing: { amount: 0, unit: 'SAME_DAY' } }), officer, ctx);
    const started = decideDossier(
      { action: 'start', now: fromLocal('2025-07-07 09:30') },
      officer,
      d.state,
      ctx,
    );
    const done = decideDossier(
      { action: 'resolve', now: fromLocal('2025-07-07 16:00'), outcome: 'APPROVED' },
      officer,
      started.state,
      ctx,
    );
    expect(statsDeltas(done.events, done.state)[0].counts).toEqual({
      finished: 1,
      on_time: 1,
      resolved: 1,
      same_day_finished: 1,
      same_day_in_time: 1,
    });
  });
});
