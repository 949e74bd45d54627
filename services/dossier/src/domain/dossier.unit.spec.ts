import { formatLocal, fromLocal } from '@fg/kernel';
import { decideDossier, type DossierCommand } from './decide-dossier';
import type { Dossier, DossierIn } from './dossier';
import { receiveDossier, registerDossier } from './dossier-intake';
import { markOverdue } from './dossier-overdue';
import {
  ACTION_RULES,
  DOSSIER_ACTIONS,
  DOSSIER_STATUS_CODE,
  DOSSIER_STATUS_LABEL_VI,
  DOSSIER_STATUSES,
  type DossierAction,
} from './dossier-status';
import { aDossierIn, anIntake, officer } from './testing/dossier-builders';
import { timeContext } from './testing/calendars';

const ctx = timeContext();
/** Tuesday after the builders' Monday 09:00 receipt (due Thursday 10 Jul 17:00, docs/domain.md §Due dates). */
const later = fromLocal('2025-07-08 10:00');

const commandFor = (action: DossierAction, now = later): DossierCommand => {
  switch (action) {
    case 'request-supplement':
    case 'refuse':
      return { action, now, reason: 'Thiếu giấy tờ' };
    case 'resolve':
      return { action, now, outcome: 'APPROVED' };
    default:
      return { action, now };
  }
};

const EVENT_OF: Record<DossierAction, string> = {
  accept: 'DossierAccepted',
  start: 'DossierProcessingStarted',
  'request-supplement': 'DossierSupplementRequested',
  'supplement-received': 'DossierSupplementReceived',
  'request-fees': 'DossierFeesRequested',
  resolve: 'DossierResolved',
  'return-result': 'DossierResultReturned',
  withdraw: 'DossierWithdrawn',
  stop: 'DossierStopped',
  refuse: 'DossierRefused',
};

const allowed = DOSSIER_ACTIONS.flatMap((action) =>
  ACTION_RULES[action].from.map((from) => [action, from] as const),
);
const refused = DOSSIER_ACTIONS.flatMap((action) =>
  DOSSIER_STATUSES.filter(
    (s) => !ACTION_RULES[action].from.includes(s) && !ACTION_RULES[action].to.includes(s),
  ).map((s) => [action, s] as const),
);
const repeated = DOSSIER_ACTIONS.flatMap((action) =>
  ACTION_RULES[action].to.map((s) => [action, s] as const),
);

describe('dossier state machine', () => {
  describe.each(allowed)('when %s is applied to a %s dossier', (action, from) => {
    it('moves to the target status and records one past-tense event with both statuses', () => {
      const { state, events } = decideDossier(commandFor(action), officer, aDossierIn(from), ctx);
      expect(ACTION_RULES[action].to).toContain(state.status);
      expect(events).toHaveLength(1);
      expect(events[0].type).toBe(EVENT_OF[action]);
      expect(events[0].data).toMatchObject({
        from,
        to: state.status,
        at: later,
        actorId: officer.id,
        dossierId: state.id,
      });
    });
  });

  describe.each(refused)('when %s is applied to a %s dossier', (action, current) => {
    it('refuses with DOSSIER.INVALID_TRANSITION naming both statuses', () => {
      const d = aDossierIn(current);
      let error: unknown;
      try {
        decideDossier(commandFor(action), officer, d, ctx);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ name: 'DossierRuleError', code: 'DOSSIER.INVALID_TRANSITION' });
      const { message, messageVi } = error as { message: string; messageVi: string };
      expect(message).toContain(`${current} (${DOSSIER_STATUS_CODE[current]})`);
      for (const target of ACTION_RULES[action].to)
        expect(message).toContain(`${target} (${DOSSIER_STATUS_CODE[target]})`);
      expect(messageVi).toContain(DOSSIER_STATUS_LABEL_VI[current]);
    });
  });

  describe.each(repeated)('when %s is repeated on a %s dossier', (action, current) => {
    it('does nothing', () => {
      const d = aDossierIn(current);
      expect(decideDossier(commandFor(action), officer, d, ctx)).toEqual({ state: d, events: [] });
    });
  });
});

describe('intake', () => {
  it('receives a counter dossier with its due date, clock start and calendar version', () => {
    const { state, events } = receiveDossier(anIntake(), officer, ctx);
    expect(state).toMatchObject({ status: 'RECEIVED', registeredAt: null, apology: null });
    expect(state.status === 'RECEIVED' && formatLocal(state.clock.dueAt)).toBe('2025-07-10 17:00');
    expect(events[0]).toMatchObject({
      type: 'DossierReceived',
      data: { from: null, to: 'RECEIVED', calendarVersion: ctx.calendar.versionOf(2025) },
    });
  });

  it('uses an earlier receipt time but refuses one in the future', () => {
    const d = receiveDossier(anIntake({ receivedAt: fromLocal('2025-07-04 16:00') }), officer, ctx)
      .state as DossierIn<'RECEIVED'>;
    expect(formatLocal(d.clock.dueAt)).toBe('2025-07-09 17:00');
    expect(() =>
      receiveDossier(anIntake({ receivedAt: fromLocal('2025-07-07 09:01') }), officer, ctx),
    ).toThrow(expect.objectContaining({ code: 'DOSSIER.INVALID_INPUT' }));
  });

  it('starts the clock of an online dossier when it is accepted, not when registered', () => {
    const registered = registerDossier(
      { ...anIntake(), channel: 'ONLINE', now: fromLocal('2025-07-05 21:00') },
      officer,
    ).state;
    expect(registered).toMatchObject({ status: 'REGISTERED', clock: null });
    const { state } = decideDossier(
      { action: 'accept', now: fromLocal('2025-07-07 08:00') },
      officer,
      registered,
      ctx,
    );
    expect(state.status === 'RECEIVED' && formatLocal(state.clock.dueAt)).toBe('2025-07-10 17:00');
  });

  it('refuses an intake without a procedure or with a bad processing time', () => {
    expect(() => receiveDossier(anIntake({ procedureCode: ' ' }), officer, ctx)).toThrow(
      expect.objectContaining({ code: 'DOSSIER.INVALID_INPUT' }),
    );
    expect(() =>
      receiveDossier(anIntake({ processing: { amount: 0, unit: 'WORKING_DAYS' } }), officer, ctx),
    ).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_PROCESSING_TIME' }));
  });
});

describe('supplement request', () => {
  describe('when paused across Tết 2026', () => {
    // Received Tue 10 Feb 09:00 with 5 working days: due Tue 24 Feb 17:00 (13–23 Feb holds only Fri 13 and Mon 23).
    const intake = {
      now: fromLocal('2026-02-10 09:00'),
      processing: { amount: 5, unit: 'WORKING_DAYS' as const },
    };
    const received = receiveDossier(anIntake(intake), officer, ctx).state;
    const inProgress = decideDossier(
      { action: 'start', now: fromLocal('2026-02-10 10:00') },
      officer,
      received,
      ctx,
    ).state;
    const paused = decideDossier(
      { action: 'request-supplement', now: fromLocal('2026-02-12 10:00'), reason: 'Bổ sung bản sao CCCD' },
      officer,
      inProgress,
      ctx,
    ).state;

    it('keeps the pause start and the status to resume', () => {
      expect(received.status === 'RECEIVED' && formatLocal(received.clock.dueAt)).toBe('2026-02-24 17:00');
      expect(paused).toMatchObject({
        status: 'SUPPLEMENT_REQUESTED',
        pause: { since: fromLocal('2026-02-12 10:00'), resumeTo: 'IN_PROGRESS' },
      });
    });

    it('moves the due date by the working time paused only (3 days, not the 12 calendar days)', () => {
      const { state, events } = decideDossier(
        { action: 'supplement-received', now: fromLocal('2026-02-24 10:00') },
        officer,
        paused,
        ctx,
      );
      expect(state.status).toBe('IN_PROGRESS');
      expect(state.status === 'IN_PROGRESS' && formatLocal(state.clock.dueAt)).toBe('2026-02-27 17:00');
      expect(state.status === 'IN_PROGRESS' && state.clock.pausedMinutes).toBe(1440);
      expect(events[0]).toMatchObject({
        type: 'DossierSupplementReceived',
        data: { pausedMinutes: 1440, totalPausedMinutes: 1440 },
      });
      expect(state).not.toHaveProperty('pause');
    });

    it('extends the due date when the citizen withdraws while paused', () => {
      const { state } = decideDossier(
        { action: 'withdraw', now: fromLocal('2026-02-23 17:00') },
        officer,
        paused,
        ctx,
      );
      expect(state.status === 'WITHDRAWN' && state.finish.timeliness).toMatchObject({
        pausedMinutes: 1260,
        timeliness: 'EARLY',
        dueAt: fromLocal('2026-02-27 14:00'),
      });
    });
  });

  it('returns to RECEIVED when requested at reception', () => {
    const paused = decideDossier(
      commandFor('request-supplement'),
      officer,
      aDossierIn('RECEIVED'),
      ctx,
    ).state;
    const { state } = decideDossier(
      { action: 'supplement-received', now: fromLocal('2025-07-08 11:00') },
      officer,
      paused,
      ctx,
    );
    expect(state.status).toBe('RECEIVED');
    expect(state.status === 'RECEIVED' && formatLocal(state.clock.dueAt)).toBe('2025-07-11 08:00');
  });

  it('needs a reason', () => {
    expect(() =>
      decideDossier(
        { action: 'request-supplement', now: later, reason: '  ' },
        officer,
        aDossierIn('IN_PROGRESS'),
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'DOSSIER.REASON_REQUIRED' }));
  });
});

describe('finishing', () => {
  const resolveAt = (local: string) =>
    decideDossier(
      { action: 'resolve', now: fromLocal(local), outcome: 'APPROVED', note: 'Đã cấp' },
      officer,
      aDossierIn('IN_PROGRESS'),
      ctx,
    );

  it.each([
    ['EARLY', '2025-07-09 16:00'],
    ['ON_TIME', '2025-07-10 16:30'],
    ['LATE', '2025-07-11 08:00'],
  ])('records %s with the facts it came from', (timeliness, local) => {
    const { state, events } = resolveAt(local);
    const facts = state.status === 'RESOLVED' ? state.finish.timeliness : null;
    expect(facts).toMatchObject({
      timeliness,
      finishedAt: fromLocal(local),
      dueAt: fromLocal('2025-07-10 17:00'),
      pausedMinutes: 0,
      calendarVersion: ctx.calendar.versionOf(2025),
      apologyIssued: false,
      lateWithoutApology: timeliness === 'LATE',
      wasOverdue: false,
    });
    expect(events[0]).toMatchObject({
      type: 'DossierResolved',
      data: { outcome: 'APPROVED', note: 'Đã cấp', timeliness: facts },
    });
  });

  it('counts working minutes used from clock start to finish', () => {
    const { state } = resolveAt('2025-07-09 16:00');
    expect(state.status === 'RESOLVED' && state.finish.timeliness?.workingMinutesUsed).toBe(360 + 480 + 420); // Mon 09:00–17:00, Tue, Wed 07:00–16:00
  });

  it('keeps the timeliness decided at resolution when the result is returned', () => {
    const resolved = resolveAt('2025-07-09 16:00').state;
    const { state } = decideDossier(
      { action: 'return-result', now: fromLocal('2025-07-14 08:00') },
      officer,
      resolved,
      ctx,
    );
    expect(state).toMatchObject({
      status: 'RESULT_RETURNED',
      resultReturnedAt: fromLocal('2025-07-14 08:00'),
    });
    expect(state.status === 'RESULT_RETURNED' && state.finish).toEqual(
      resolved.status === 'RESOLVED' && resolved.finish,
    );
  });

  it('refuses an unknown outcome', () => {
    expect(() =>
      decideDossier(
        { action: 'resolve', now: later, outcome: 'MAYBE' as never },
        officer,
        aDossierIn('IN_PROGRESS'),
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'DOSSIER.INVALID_INPUT' }));
  });

  it('decides no timeliness for an online dossier refused before its clock started', () => {
    const { state, events } = decideDossier(
      { action: 'refuse', now: later, reason: 'Không thuộc thẩm quyền' },
      officer,
      aDossierIn('REGISTERED'),
      ctx,
    );
    expect(state).toMatchObject({
      status: 'REFUSED',
      clock: null,
      finish: { timeliness: null, reason: 'Không thuộc thẩm quyền' },
    });
    expect(events[0].data).toMatchObject({ reason: 'Không thuộc thẩm quyền', timeliness: null });
  });

  it('needs a reason to refuse', () => {
    expect(() =>
      decideDossier({ action: 'refuse', now: later, reason: '' }, officer, aDossierIn('RECEIVED'), ctx),
    ).toThrow(expect.objectContaining({ code: 'DOSSIER.REASON_REQUIRED' }));
  });
});

describe('overdue detection', () => {
  const d = aDossierIn('IN_PROGRESS'); // due Thu 10 Jul 2025 17:00

  it('waits until the due date has passed in local time', () => {
    expect(markOverdue({ now: fromLocal('2025-07-10 23:59') }, officer, d).events).toEqual([]);
  });

  it('emits DossierOverdue exactly once, and the finish records it', () => {
    const first = markOverdue({ now: fromLocal('2025-07-11 00:00') }, officer, d);
    expect(first.events).toMatchObject([
      { type: 'DossierOverdue', data: { dueAt: fromLocal('2025-07-10 17:00') } },
    ]);
    expect(markOverdue({ now: fromLocal('2025-07-11 00:05') }, officer, first.state).events).toEqual([]);
    const { state } = decideDossier(
      commandFor('resolve', fromLocal('2025-07-11 10:00')),
      officer,
      first.state,
      ctx,
    );
    expect(state.status === 'RESOLVED' && state.finish.timeliness).toMatchObject({
      timeliness: 'LATE',
      wasOverdue: true,
      lateWithoutApology: true,
    });
  });

  it('ignores paused and finished dossiers', () => {
    const now = fromLocal('2025-08-01 09:00');
    const paused: Dossier = aDossierIn('SUPPLEMENT_REQUESTED');
    expect(markOverdue({ now }, officer, paused).events).toEqual([]);
    expect(markOverdue({ now }, officer, aDossierIn('RESOLVED')).events).toEqual([]);
  });
});
