/*
 * The national dossier status catalogue (docs/domain.md §Dossiers); each status keeps its number.
 * Transitions are listed twice on purpose: per action (what each command may do) and per status
 * (the state diagram); a unit test checks the two tables agree.
 */

export const DOSSIER_STATUSES = [
  'REGISTERED',
  'RECEIVED',
  'REFUSED',
  'IN_PROGRESS',
  'SUPPLEMENT_REQUESTED',
  'AWAITING_FEES',
  'WITHDRAWN',
  'STOPPED',
  'RESOLVED',
  'RESULT_RETURNED',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_STATUS_CODE: Readonly<Record<DossierStatus, number>> = {
  REGISTERED: 1,
  RECEIVED: 2,
  REFUSED: 3,
  IN_PROGRESS: 4,
  SUPPLEMENT_REQUESTED: 5,
  AWAITING_FEES: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  RESOLVED: 9,
  RESULT_RETURNED: 10,
};

export const DOSSIER_STATUS_LABEL_VI: Readonly<Record<DossierStatus, string>> = {
  REGISTERED: 'Mới đăng ký',
  RECEIVED: 'Đã tiếp nhận',
  REFUSED: 'Từ chối tiếp nhận',
  IN_PROGRESS: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung hồ sơ',
  AWAITING_FEES: 'Chờ thực hiện nghĩa vụ tài chính',
  WITHDRAWN: 'Công dân rút hồ sơ',
  STOPPED: 'Dừng xử lý',
  RESOLVED: 'Đã có kết quả',
  RESULT_RETURNED: 'Đã trả kết quả',
};

export const statusFromCode = (code: number): DossierStatus | undefined =>
  DOSSIER_STATUSES.find((s) => DOSSIER_STATUS_CODE[s] === code);

/** 'IN_PROGRESS (4)', for log messages. */
export const describeStatus = (s: DossierStatus): string => `${s} (${DOSSIER_STATUS_CODE[s]})`;

export const DOSSIER_ACTIONS = [
  'accept',
  'start',
  'request-supplement',
  'supplement-received',
  'request-fees',
  'resolve',
  'return-result',
  'withdraw',
  'stop',
  'refuse',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export interface ActionRule {
  from: readonly DossierStatus[];
  /** Target status; `supplement-received` returns to the status the supplement was requested from. */
  to: readonly DossierStatus[];
  labelVi: string;
}

export const ACTION_RULES: Readonly<Record<DossierAction, ActionRule>> = {
  accept: { from: ['REGISTERED'], to: ['RECEIVED'], labelVi: 'tiếp nhận' },
  start: { from: ['RECEIVED', 'AWAITING_FEES'], to: ['IN_PROGRESS'], labelVi: 'bắt đầu xử lý' },
  'request-supplement': {
    from: ['RECEIVED', 'IN_PROGRESS'],
    to: ['SUPPLEMENT_REQUESTED'],
    labelVi: 'yêu cầu bổ sung',
  },
  'supplement-received': {
    from: ['SUPPLEMENT_REQUESTED'],
    to: ['RECEIVED', 'IN_PROGRESS'],
    labelVi: 'nhận hồ sơ bổ sung',
  },
  'request-fees': {
    from: ['RECEIVED', 'IN_PROGRESS'],
    to: ['AWAITING_FEES'],
    labelVi: 'yêu cầu thực hiện nghĩa vụ tài chính',
  },
  resolve: { from: ['IN_PROGRESS', 'AWAITING_FEES'], to: ['RESOLVED'], labelVi: 'giải quyết' },
  'return-result': { from: ['RESOLVED'], to: ['RESULT_RETURNED'], labelVi: 'trả kết quả' },
  withdraw: {
    from: ['REGISTERED', 'RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_FEES'],
    to: ['WITHDRAWN'],
    labelVi: 'rút hồ sơ',
  },
  stop: {
    from: ['IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_FEES'],
    to: ['STOPPED'],
    labelVi: 'dừng xử lý',
  },
  refuse: { from: ['REGISTERED', 'RECEIVED'], to: ['REFUSED'], labelVi: 'từ chối' },
};

/** The state diagram: every status and where it may go next. */
export const ALLOWED_TRANSITIONS: Readonly<Record<DossierStatus, readonly DossierStatus[]>> = {
  REGISTERED: ['RECEIVED', 'REFUSED', 'WITHDRAWN'],
  RECEIVED: ['IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_FEES', 'REFUSED', 'WITHDRAWN'],
  IN_PROGRESS: ['SUPPLEMENT_REQUESTED', 'AWAITING_FEES', 'RESOLVED', 'STOPPED', 'WITHDRAWN'],
  SUPPLEMENT_REQUESTED: ['RECEIVED', 'IN_PROGRESS', 'STOPPED', 'WITHDRAWN'],
  AWAITING_FEES: ['IN_PROGRESS', 'RESOLVED', 'STOPPED', 'WITHDRAWN'],
  RESOLVED: ['RESULT_RETURNED'],
  RESULT_RETURNED: [],
  REFUSED: [],
  WITHDRAWN: [],
  STOPPED: [],
};

export const TERMINAL_STATUSES: readonly DossierStatus[] = [
  'REFUSED',
  'WITHDRAWN',
  'STOPPED',
  'RESULT_RETURNED',
];

/** Statuses whose deadline clock runs (or is paused, for SUPPLEMENT_REQUESTED): the open dossiers. */
export const OPEN_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_FEES'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** Finished for timeliness (docs/domain.md §Timeliness): resolved, returned, stopped, refused, withdrawn. */
export const FINISHED_STATUSES: readonly DossierStatus[] = [
  'RESOLVED',
  'RESULT_RETURNED',
  'STOPPED',
  'REFUSED',
  'WITHDRAWN',
];

export const isOpenStatus = (s: DossierStatus): s is OpenStatus =>
  (OPEN_STATUSES as readonly DossierStatus[]).includes(s);

export const canTransition = (from: DossierStatus, to: DossierStatus): boolean =>
  ALLOWED_TRANSITIONS[from].includes(to);
