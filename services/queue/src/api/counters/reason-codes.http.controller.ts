import { reasonCodesController } from '@fg/platform';

/**
 * The reason catalogue for the kinds this service takes: counter pauses, and the counter console's out-of-order
 * calls, parkings and transfers (issue #17).
 */
export const ReasonCodesHttpController = reasonCodesController([
  'PAUSE',
  'OUT_OF_ORDER_CALL',
  'PARK',
  'TRANSFER',
]);
