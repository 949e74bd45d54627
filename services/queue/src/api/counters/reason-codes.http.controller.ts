import { reasonCodesController } from '@fg/platform';

/** The reason catalogue for the kinds this service takes: counter pauses. */
export const ReasonCodesHttpController = reasonCodesController(['PAUSE']);
