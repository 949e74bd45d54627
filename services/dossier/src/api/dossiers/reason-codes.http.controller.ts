import { reasonCodesController } from '@fg/platform';

/** The reason catalogue for the kinds this service takes: dossier transitions (request-supplement, refuse, request-fees, withdraw, stop). */
export const ReasonCodesHttpController = reasonCodesController([
  'SUPPLEMENT',
  'REFUSAL',
  'FEES',
  'WITHDRAWAL',
  'STOP',
]);
