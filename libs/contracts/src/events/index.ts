export * from './common';
export * from './queue/queue-events';
export * from './queue/ticket-parking-events';
export * from './dossier/dossier-events';
export * from './dossier/dossier-letters-events';
export * from './survey/survey-events';
export * from './rating/rating-events';
export * from './reason-codes';
