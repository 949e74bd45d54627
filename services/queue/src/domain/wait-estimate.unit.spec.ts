import { aWaitingTicket } from './testing/builders';
import { countPeopleAhead, DEFAULT_SERVICE_SECONDS, estimateWait } from './wait-estimate';

describe('estimateWait', () => {
  it('is people ahead × mean recent service time ÷ open counters, rounded up to a minute', () => {
    // 7 ahead × 240 s ÷ 2 counters = 840 s = 14 min
    expect(estimateWait({ peopleAhead: 7, recentServiceSeconds: [180, 300, 240], openCounters: 2 })).toEqual({
      minutes: 14,
      meanServiceSeconds: 240,
      basis: 'RECENT_SERVICE_TIMES',
      countersUsed: 2,
    });
    // 1 ahead × 100 s ÷ 1 = 1.67 min → 2
    expect(estimateWait({ peopleAhead: 1, recentServiceSeconds: [100], openCounters: 1 }).minutes).toBe(2);
  });

  it('falls back to 5 minutes per person without history', () => {
    expect(DEFAULT_SERVICE_SECONDS).toBe(300);
    expect(estimateWait({ peopleAhead: 3, recentServiceSeconds: [], openCounters: 1 })).toMatchObject({
      minutes: 15,
      basis: 'DEFAULT_SERVICE_TIME',
    });
    expect(
      estimateWait({ peopleAhead: 3, recentServiceSeconds: [], openCounters: 1, defaultServiceSeconds: 120 })
        .minutes,
    ).toBe(6);
  });

  it('counts at least one counter when none is open', () => {
    expect(estimateWait({ peopleAhead: 2, recentServiceSeconds: [600], openCounters: 0 })).toMatchObject({
      minutes: 20,
      countersUsed: 1,
    });
  });

  it('is zero when nobody is ahead', () => {
    expect(estimateWait({ peopleAhead: 0, recentServiceSeconds: [600], openCounters: 3 }).minutes).toBe(0);
  });

  it('ignores invalid samples', () => {
    expect(
      estimateWait({ peopleAhead: 1, recentServiceSeconds: [NaN, -5, 120], openCounters: 1 })
        .meanServiceSeconds,
    ).toBe(120);
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
