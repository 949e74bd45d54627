import { randomUUID } from 'node:crypto';

const T = '2025-07-01T02:30:00.000Z';
const dossierRef = { dossierId: randomUUID(), code: '000.00.20.H56-250701-0001', procedureCode: '1.001193', status: 'IN_PROGRESS', statusCode: 4, at: T };
const finished = {
  ...dossierRef, status: 'RESOLVED', statusCode: 9, channel: 'COUNTER', receivedAt: T, finishedAt: T, dueAt: T,
  timeliness: 'ON_TIME', workingDaysUsed: 1.5, sameDay: false, apologyIssued: false, wasOverdue: false, calendarVersion: '2025-abc', outcome: 'APPROVED',
};
const ticket = { ticketId: randomUUID(), number: 'A001' };

/** One valid `data` per registered event type, used by contract tests and as documentation. */
export const SAMPLE_EVENT_DATA: Record<string, object> = {
  'ticket.issued': { ...ticket, serviceCode: 'HT', priority: 'ELDERLY', issuedAt: T, localDay: '2025-07-01' },
  'ticket.called': { ...ticket, serviceCode: 'HT', counterNo: '1', officerId: 'officer-1', calledAt: T, reason: 'priority ELDERLY' },
  'ticket.recalled': { ...ticket, counterNo: '1', recalledAt: T, recallCount: 1 },
  'ticket.serving-started': { ...ticket, counterNo: '1', officerId: 'officer-1', startedAt: T },
  'ticket.completed': { ...ticket, serviceCode: 'HT', priority: 'NONE', counterNo: '1', officerId: 'officer-1', issuedAt: T, completedAt: T, waitSeconds: 600, serviceSeconds: 300, dossierId: randomUUID() },
  'ticket.no-show': { ...ticket, serviceCode: 'HT', counterNo: '1', at: T },
  'ticket.transferred': { ...ticket, fromServiceCode: 'HT', toServiceCode: 'CT', at: T },
  'ticket.cancelled': { ...ticket, serviceCode: 'HT', at: T },
  'counter.opened': { counterNo: '1', officerId: 'officer-1', serviceCodes: ['HT'], at: T },
  'counter.closed': { counterNo: '1', at: T },
  'counter.paused': { counterNo: '1', reason: 'họp giao ban', at: T },
  'counter.resumed': { counterNo: '1', at: T },
  'dossier.received': { ...dossierRef, status: 'RECEIVED', statusCode: 2, channel: 'ONLINE', receivedAt: T, dueAt: T, calendarVersion: '2025-abc', processingUnit: 'WORKING_DAYS', processingAmount: 3, sameDay: false },
  'dossier.accepted': { ...dossierRef, status: 'RECEIVED', statusCode: 2, from: 'REGISTERED' },
  'dossier.assigned': { ...dossierRef, from: 'RECEIVED' },
  'dossier.fees-requested': { ...dossierRef, status: 'AWAITING_FEES', statusCode: 6, from: 'IN_PROGRESS' },
  'dossier.supplement-requested': { ...dossierRef, status: 'SUPPLEMENT_REQUESTED', statusCode: 5, reason: 'Thiếu bản sao giấy khai sinh' },
  'dossier.supplement-received': { ...dossierRef, dueAt: T, pausedWorkingMinutes: 120 },
  'dossier.resolved': finished,
  'dossier.withdrawn': { ...finished, status: 'WITHDRAWN', statusCode: 7, outcome: undefined },
  'dossier.stopped': { ...finished, status: 'STOPPED', statusCode: 8, outcome: undefined },
  'dossier.refused': { ...finished, status: 'REFUSED', statusCode: 3, outcome: undefined, reason: 'Không thuộc thẩm quyền' },
  'dossier.result-returned': { ...dossierRef, status: 'RESULT_RETURNED', statusCode: 10, channel: 'COUNTER' },
  'dossier.overdue': { ...dossierRef, dueAt: T },
  'dossier.apology-issued': { ...dossierRef, dueAt: T, newAppointmentAt: '2025-07-03T09:00:00.000Z' },
  'dossier.registered': { ...dossierRef, status: 'REGISTERED', statusCode: 1, channel: 'ONLINE', registeredAt: T, processingUnit: 'SAME_DAY', processingAmount: 0, sameDay: true },
  'dossier.registration-refused': { ...dossierRef, status: 'REFUSED', statusCode: 3, channel: 'ONLINE', registeredAt: T, reason: 'Hồ sơ không thuộc thẩm quyền' },
  'dossier.registration-withdrawn': { ...dossierRef, status: 'WITHDRAWN', statusCode: 7, channel: 'ONLINE', registeredAt: T },
  'survey.published': { surveyId: randomUUID(), version: 1, kind: 'SIPAS', questionCount: 20, publishedAt: T },
  'survey.response-submitted': {
    responseId: randomUUID(), surveyId: randomUUID(), version: 2, channel: 'TABLET', submittedAt: T, officerId: 'officer-1', counterNo: '1',
    ticketId: randomUUID(), stars: 5, satisfied: true,
    elementScores: [{ element: 'OFFICER', valid: 1, satisfied: 1, verySatisfied: 1, neutral: 0, dissatisfied: 0, veryDissatisfied: 0 }],
  },
  'unit.upserted': { code: '26734', name: 'Phường Lê Lợi', level: 'COMMUNE', parentCode: '24', active: true, revision: 1 },
  'unit.score-changed': { code: '26734', year: 2025, schemeCode: 'BAC_GIANG_2023', score: 86.5, previousScore: null, stars: 2, provisional: false, breakdown: [{ group: 'FRIENDLY_OFFICIALS', points: 30, maxPoints: 35 }] },
  'unit.star-level-changed': { code: '26734', year: 2025, from: 1, to: 2, score: 86.5 },
  'officer.rating-changed': { officerId: 'officer-1', unitCode: '26734', count: 12, rawMean: 4.5, smoothedScore: 3.9, distribution: [8, 3, 1, 0, 0], at: T },
};
