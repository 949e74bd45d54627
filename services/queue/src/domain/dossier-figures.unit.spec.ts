import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { allEventDefinitions } from '@fg/contracts';
import {
  dossierFactOf,
  dossierFigures,
  DOSSIER_FIGURE_EVENT_TYPES,
  figurePeriods,
  onTimeRate,
} from './dossier-figures';

const counts = (resolvedEarly: number, resolvedOnTime: number, resolvedLate: number, received = 0) => ({
  received,
  resolvedEarly,
  resolvedOnTime,
  resolvedLate,
});

describe('figurePeriods', () => {
  it('counts days and months in Vietnam time', () => {
    // 2026-11-30 17:30 UTC is 00:30 on 1 December in Hà Nội.
    expect(figurePeriods(new Date('2026-11-30T17:30:00Z'))).toEqual({
      today: '2026-12-01',
      tomorrow: '2026-12-02',
      month: '2026-12',
      monthFirstDay: '2026-12-01',
      nextMonthFirstDay: '2027-01-01',
    });
    expect(figurePeriods(new Date('2026-11-30T16:59:00Z')).month).toBe('2026-11');
  });
});

describe('onTimeRate', () => {
  it('is null when nothing was resolved', () => {
    expect(onTimeRate(counts(0, 0, 0, 5))).toBeNull();
  });
  it('is early plus on time over resolved, in percent with one decimal', () => {
    expect(onTimeRate(counts(1, 1, 1))).toBe(66.7);
    expect(onTimeRate(counts(2530, 165, 0))).toBe(100); // seed 004: Trường Long A's year
    expect(onTimeRate(counts(0, 0, 4))).toBe(0);
  });
  it('stays between 0 and 100', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(10_000), (e, o, l) => {
        const rate = onTimeRate(counts(e, o, l));
        return e + o + l === 0 ? rate === null : rate !== null && rate >= 0 && rate <= 100;
      }),
    );
  });
});

describe('dossierFigures', () => {
  it('adds the resolved totals and rates beside the counts', () => {
    const now = new Date('2026-12-06T03:00:00Z');
    const f = dossierFigures(now, figurePeriods(now), counts(1, 0, 1, 4), counts(10, 5, 5, 30), 3);
    expect(f).toEqual({
      asOf: '2026-12-06T03:00:00.000Z',
      today: {
        localDay: '2026-12-06',
        received: 4,
        resolvedEarly: 1,
        resolvedOnTime: 0,
        resolvedLate: 1,
        resolved: 2,
        onTimeRate: 50,
      },
      month: {
        month: '2026-12',
        received: 30,
        resolvedEarly: 10,
        resolvedOnTime: 5,
        resolvedLate: 5,
        resolved: 20,
        onTimeRate: 75,
      },
      overdue: 3,
    });
  });
});

describe('dossierFactOf', () => {
  // The fields the board reads of each type (the contracts validate the rest before a consumer sees it).
  const data = (type: string, over: object = {}) => ({
    dossierId: randomUUID(),
    at: '2026-12-05T08:00:00.000Z',
    receivedAt: '2026-12-01T02:00:00.000Z',
    dueAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-05T08:00:00.000Z',
    timeliness: type === 'dossier.resolved' ? 'ON_TIME' : undefined,
    ...over,
  });

  it('reads a receipt with its local receipt and due days', () => {
    const d = data('dossier.received', {
      receivedAt: '2026-11-30T18:00:00.000Z',
      dueAt: '2026-12-03T10:00:00.000Z',
    });
    expect(dossierFactOf('dossier.received', d)).toEqual({
      kind: 'RECEIVED',
      dossierId: d.dossierId,
      receivedDay: '2026-12-01',
      dueAt: new Date('2026-12-03T10:00:00.000Z'),
      dueDay: '2026-12-03',
    });
  });
  it('keeps the timeliness of a resolution only', () => {
    const resolved = data('dossier.resolved', {
      finishedAt: '2026-12-05T09:00:00.000Z',
      timeliness: 'EARLY',
    });
    expect(dossierFactOf('dossier.resolved', resolved)).toMatchObject({
      kind: 'FINISHED',
      finishedDay: '2026-12-05',
      timeliness: 'EARLY',
    });
    for (const type of ['dossier.withdrawn', 'dossier.stopped', 'dossier.refused'])
      expect(dossierFactOf(type, data(type))).toMatchObject({ kind: 'FINISHED', timeliness: null });
  });
  it('pauses on a supplement request and resumes with the moved due date', () => {
    expect(dossierFactOf('dossier.supplement-requested', data('dossier.supplement-requested'))).toMatchObject(
      { kind: 'PAUSED' },
    );
    const resumed = data('dossier.supplement-received', { dueAt: '2026-12-10T10:00:00.000Z' });
    expect(dossierFactOf('dossier.supplement-received', resumed)).toMatchObject({
      kind: 'RESUMED',
      dueDay: '2026-12-10',
    });
  });
  it('names event types the contracts define', () => {
    const defined = new Set(allEventDefinitions().map((d) => d.type));
    for (const type of DOSSIER_FIGURE_EVENT_TYPES) expect(defined).toContain(type);
  });
  it('reads every type it subscribes to and nothing else', () => {
    for (const type of DOSSIER_FIGURE_EVENT_TYPES) expect(dossierFactOf(type, data(type))).not.toBeNull();
    expect(dossierFactOf('dossier.assigned', data('dossier.assigned'))).toBeNull();
  });
});
