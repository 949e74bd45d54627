import type { MessageChannel, MessageKind } from '@fg/contracts';

/** The citizen message kinds (DOSSIER_STATUS goes to partners only, as a webhook). */
export const CITIZEN_KINDS: readonly MessageKind[] = [
  'TURN_NEAR',
  'CALLED',
  'SUPPLEMENT_REQUESTED',
  'APOLOGY',
  'RESULT_READY',
  'SURVEY_LINK',
  'APPOINTMENT_REMINDER',
];
export const ALL_KINDS: readonly MessageKind[] = [...CITIZEN_KINDS, 'DOSSIER_STATUS'];
export const CONTACT_CHANNELS: readonly MessageChannel[] = ['SMS', 'EMAIL'];

/**
 * The variables each kind's template may use, with the sample values a template must render with before
 * it is saved. Values are what the events and the unit's settings give; no citizen data (names, numbers of
 * identity papers) ever goes into a message: the code of the dossier or the ticket number says which one.
 */
export const TEMPLATE_VARIABLES: Readonly<Record<MessageKind, Readonly<Record<string, string>>>> = {
  TURN_NEAR: { unitName: 'Phường Lê Lợi', ticketNumber: 'A015', position: '3', waitMinutes: '12' },
  CALLED: { unitName: 'Phường Lê Lợi', ticketNumber: 'A015', counterNo: '2' },
  SUPPLEMENT_REQUESTED: {
    unitName: 'Phường Lê Lợi',
    dossierCode: 'H10.24-261206-0001',
    reason: 'Thiếu giấy tờ',
    deadline: '21/12/2026',
  },
  APOLOGY: {
    unitName: 'Phường Lê Lợi',
    dossierCode: 'H10.24-261206-0001',
    newAppointment: '09:00 15/12/2026',
  },
  RESULT_READY: {
    unitName: 'Phường Lê Lợi',
    dossierCode: 'H10.24-261206-0001',
    collectFrom: '14:00 06/12/2026',
  },
  SURVEY_LINK: {
    unitName: 'Phường Lê Lợi',
    dossierCode: 'H10.24-261206-0001',
    surveyUrl:
      'https://dichvucong.example.vn/khao-sat/0b4e7a52-3c1d-4f8e-9a6b-2d5c8e1f3a70.q3Jx0PZk1vN8cR2bT5yWgA',
  },
  APPOINTMENT_REMINDER: { unitName: 'Phường Lê Lợi', appointmentAt: '08:30 07/12/2026', serviceCode: 'HT' },
  DOSSIER_STATUS: {},
};
