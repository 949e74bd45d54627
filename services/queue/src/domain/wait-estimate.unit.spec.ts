import { aWaitingTicket } from './testing/builders';
import fc from 'fast-check';
import {
  blendedServiceSeconds,
  countPeopleAhead,
  DEFAULT_SERVICE_SECONDS,
  PRIOR_WEIGHT,
  projectWait,
  remainingSeconds,
} from './wait-estimate';

describe('blendedServiceSeconds', () => {
  it('blends the prior (5 pseudo-observations) with the observed service times', () => {
    // (5 × 300 + 180 + 300 + 240) ÷ 8 = 277.5 s
    expect(blendedServiceSeconds([180, 300, 240], DEFAULT_SERVICE_SECONDS)).toEqual({
      meanServiceSeconds: 277.5,
      observed: 3,
    });
    expect(PRIOR_WEIGHT).toBe(5);
    expect(DEFAULT_SERVICE_SECONDS).toBe(300);
  });

  it('is the prior alone before the first completion, and ignores invalid samples', () => {
    expect(blendedServiceSeconds([], 480)).toEqual({ meanServiceSeconds: 480, observed: 0 });
    expect(blendedServiceSeconds([NaN, -5, 120], 300).meanServiceSeconds).toBe((5 * 300 + 120) / 6);
  });

  it('is not turned into "0 minutes" by a first service of a few seconds', () => {
    // Before issue #17 the plain mean of [0] made position 8 at two counters "0 minutes".
    const mean = blendedServiceSeconds([0], 300).meanServiceSeconds;
    const wait = projectWait({
      ahead: Array.from({ length: 7 }, () => ({ serviceCode: 'HT' })),
      serviceCode: 'HT',
      counters: [
        { serviceCodes: ['HT'], freeInSeconds: 0 },
        { serviceCodes: ['HT'], freeInSeconds: 0 },
      ],
      meanServiceSeconds: () => mean,
    });
    expect(wait.minutes).toBe(13); // 7 ahead share 2 counters: ours starts after 3 rounds of 250 s = 750 s
  });

  it('stays between the prior and the observed times, and moves toward them with more samples', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 3600 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 1, max: 40 }),
        (prior, observed, n) => {
          const few = blendedServiceSeconds(Array<number>(n).fill(observed), prior).meanServiceSeconds;
          const more = blendedServiceSeconds(Array<number>(n + 1).fill(observed), prior).meanServiceSeconds;
          expect(few).toBeGreaterThanOrEqual(Math.min(prior, observed) - 1e-9);
          expect(few).toBeLessThanOrEqual(Math.max(prior, observed) + 1e-9);
          expect(Math.abs(more - observed)).toBeLessThanOrEqual(Math.abs(few - observed) + 1e-9);
        },
      ),
    );
  });
});

describe('countPeopleAhead', () => {
  const waiting = [
    aWaitingTicket({ serviceCode: 'HT' }),
    aWaitingTicket({ serviceCode: 'HT' }),
    aWaitingTicket({ serviceCode: 'CT' }),
    aWaitingTicket({ serviceCode: 'DD' }),
  ];

  it('counts waiting tickets that the open counters serving this service could call', () => {
    expect(
      countPeopleAhead({
        waiting,
        serviceCode: 'HT',
        openCounterServiceCodes: [['HT', 'CT'], ['HT'], ['DD']],
      }),
    ).toEqual({
      peopleAhead: 3,
      openCounters: 2,
    });
  });

  it('counts only its own service when no counter for it is open', () => {
    expect(countPeopleAhead({ waiting, serviceCode: 'HT', openCounterServiceCodes: [['DD']] })).toEqual({
      peopleAhead: 2,
      openCounters: 0,
    });
  });
});

describe('projectWait', () => {
  // The simulator's office: counter 1 HT, counter 2 CT+HT, counter 3 LD+CT.
  const office = (free: [number, number, number] = [0, 0, 0]) => [
    { serviceCodes: ['HT'], freeInSeconds: free[0] },
    { serviceCodes: ['CT', 'HT'], freeInSeconds: free[1] },
    { serviceCodes: ['LD', 'CT'], freeInSeconds: free[2] },
  ];
  const means: Record<string, number> = { HT: 480, CT: 240, LD: 720 };
  const meanServiceSeconds = (code: string) => means[code];
  const tickets = (...codes: string[]) => codes.map((serviceCode) => ({ serviceCode }));

  it("does not make a service with a counter of its own wait for another service's queue", () => {
    // Ten HT citizens ahead; counter 3 serves CT and is busy for 2 more minutes: the CT ticket waits 2 minutes.
    const ahead = tickets(...Array<string>(10).fill('HT'));
    expect(
      projectWait({ ahead, serviceCode: 'CT', counters: office([300, 300, 120]), meanServiceSeconds }),
    ).toEqual({
      seconds: 120,
      minutes: 2,
    });
  });

  it('works the queue through the counters in order, each ticket lasting its own service', () => {
    // HT at counters 1 and 2, both free: HT(480) → c1, HT(480) → c2, CT(240) → c3, then ours at 480 s.
    expect(
      projectWait({
        ahead: tickets('HT', 'HT', 'CT'),
        serviceCode: 'HT',
        counters: office(),
        meanServiceSeconds,
      }),
    ).toEqual({ seconds: 480, minutes: 8 });
  });

  it('projects "as if one counter opens" when no open counter serves the service', () => {
    expect(
      projectWait({ ahead: tickets('LD', 'LD'), serviceCode: 'LD', counters: [], meanServiceSeconds }),
    ).toEqual({ seconds: 1440, minutes: 24 });
  });

  it('takes what is left of a service, never less than a tenth of the mean', () => {
    expect(remainingSeconds(600, 200)).toBe(400);
    expect(remainingSeconds(600, 5000)).toBe(60);
    expect(remainingSeconds(600, -10)).toBe(600);
  });

  describe('properties', () => {
    const code = fc.constantFrom('HT', 'CT', 'LD');
    const input = fc.record({
      ahead: fc.array(code, { maxLength: 40 }),
      serviceCode: code,
      free: fc.tuple(fc.nat(3600), fc.nat(3600), fc.nat(3600)),
      open: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    });
    const run = (i: { ahead: string[]; serviceCode: string; free: number[]; open: boolean[] }) =>
      projectWait({
        ahead: tickets(...i.ahead),
        serviceCode: i.serviceCode,
        counters: office(i.free as [number, number, number]).filter((_, k) => i.open[k]),
        meanServiceSeconds,
      });

    it('one more person ahead never lowers it; a counter closing never lowers it while another serves it', () => {
      fc.assert(
        fc.property(input, code, fc.nat(2), (i, extra, k) => {
          const now = run(i).seconds;
          expect(run({ ...i, ahead: [...i.ahead, extra] }).seconds).toBeGreaterThanOrEqual(now);
          const open = [...i.open];
          open[k] = false;
          const servesIt = [['HT'], ['CT', 'HT'], ['LD', 'CT']].map((codes) => codes.includes(i.serviceCode));
          if (i.open[k] && open.some((o, n) => o && servesIt[n])) {
            expect(run({ ...i, open }).seconds).toBeGreaterThanOrEqual(now - 1e-9);
          }
        }),
      );
    });

    it('with one counter of its own and no history, is the prior per person ahead', () => {
      fc.assert(
        fc.property(fc.nat(50), fc.integer({ min: 60, max: 3600 }), (n, prior) => {
          const ahead = tickets(...Array<string>(n).fill('LD'));
          const counters = [{ serviceCodes: ['LD'], freeInSeconds: 0 }];
          const mean = blendedServiceSeconds([], prior).meanServiceSeconds;
          expect(
            projectWait({ ahead, serviceCode: 'LD', counters, meanServiceSeconds: () => mean }).seconds,
          ).toBe(n * prior);
        }),
      );
    });

    it('is never 0 minutes while someone of its service is ahead, history or not', () => {
      fc.assert(
        fc.property(input, (i) => {
          fc.pre(i.ahead.includes(i.serviceCode));
          expect(run(i).minutes).toBeGreaterThan(0);
        }),
      );
    });
  });
});
