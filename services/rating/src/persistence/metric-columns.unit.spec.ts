import { emptyCounters } from '../events/metric-book';
import { fromColumns, isZero, METRIC_COLUMNS, toColumns } from './metric-columns';
import { UNIT_METRIC_COLUMNS_V5 } from './migrations/1730000600690-appointment-figures';

describe('unit_metrics columns', () => {
  it('are exactly the columns the migration created', () => {
    expect([...METRIC_COLUMNS].sort()).toEqual([...UNIT_METRIC_COLUMNS_V5].sort());
  });

  it('round-trip every counter', () => {
    const c = emptyCounters();
    c.dossiersFinished = 3;
    c.openOverdue = -1;
    c.satisfiedByElement.FEEDBACK = { satisfied: 2, valid: 5 };
    c.starCounts = [1, 0, 0, 4, 9];
    c.waitHistogram[12] = 7;
    c.apologiesIssued = 2;
    c.receivedOnline = 4;
    c.serviceSecondsSum = 610;
    const stringly = Object.fromEntries(Object.entries(toColumns(c)).map(([k, v]) => [k, String(v)]));
    expect(fromColumns(stringly)).toEqual(c);
    expect(isZero(c)).toBe(false);
    expect(isZero(emptyCounters())).toBe(true);
  });
});
