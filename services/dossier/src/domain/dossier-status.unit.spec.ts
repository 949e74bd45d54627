import {
  ACTION_RULES,
  ALLOWED_TRANSITIONS,
  DOSSIER_ACTIONS,
  DOSSIER_STATUS_CODE,
  DOSSIER_STATUSES,
  statusFromCode,
  TERMINAL_STATUSES,
} from './dossier-status';

describe('dossier status catalogue', () => {
  it('keeps the national numbers 1–10', () => {
    expect(DOSSIER_STATUSES.map((s) => [DOSSIER_STATUS_CODE[s], s])).toEqual([
      [1, 'REGISTERED'],
      [2, 'RECEIVED'],
      [3, 'REFUSED'],
      [4, 'IN_PROGRESS'],
      [5, 'SUPPLEMENT_REQUESTED'],
      [6, 'AWAITING_FEES'],
      [7, 'WITHDRAWN'],
      [8, 'STOPPED'],
      [9, 'RESOLVED'],
      [10, 'RESULT_RETURNED'],
    ]);
    expect(statusFromCode(9)).toBe('RESOLVED');
    expect(statusFromCode(11)).toBeUndefined();
  });

  it('has a state diagram that agrees with the per-action rules', () => {
    for (const status of DOSSIER_STATUSES) {
      const viaActions = new Set(
        DOSSIER_ACTIONS.flatMap((a) => (ACTION_RULES[a].from.includes(status) ? ACTION_RULES[a].to : [])),
      );
      expect([...viaActions].sort()).toEqual([...ALLOWED_TRANSITIONS[status]].sort());
    }
  });

  it('lets nothing leave a terminal status', () => {
    for (const s of TERMINAL_STATUSES) expect(ALLOWED_TRANSITIONS[s]).toEqual([]);
  });
});
