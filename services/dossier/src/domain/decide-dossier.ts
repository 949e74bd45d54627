import type { Actor, Dossier, DossierDecision, DossierTimeContext } from './dossier';
import {
  acceptDossier,
  type At,
  receiveSupplement,
  refuseDossier,
  requestFees,
  requestSupplement,
  type ResolveCommand,
  type SupplementRequest,
  resolveDossier,
  returnResult,
  startProcessing,
  stopDossier,
  type WithReason,
  withdrawDossier,
} from './dossier-actions';

/** A transition command as the API receives it: `POST /dossiers/{id}/{action}` plus the body and `now`. */
export type DossierCommand =
  | ({ action: 'accept' } & At)
  | ({ action: 'start' } & At)
  | ({ action: 'request-supplement' } & SupplementRequest)
  | ({ action: 'supplement-received' } & At)
  | ({ action: 'request-fees' } & WithReason)
  | ({ action: 'resolve' } & ResolveCommand)
  | ({ action: 'return-result' } & At)
  | ({ action: 'withdraw' } & WithReason)
  | ({ action: 'stop' } & WithReason)
  | ({ action: 'refuse' } & WithReason);

/** Routes a transition command to its decision. */
export const decideDossier = (
  cmd: DossierCommand,
  actor: Actor,
  d: Dossier,
  ctx: DossierTimeContext,
): DossierDecision => {
  switch (cmd.action) {
    case 'accept':
      return acceptDossier(cmd, actor, d, ctx);
    case 'start':
      return startProcessing(cmd, actor, d);
    case 'request-supplement':
      return requestSupplement(cmd, actor, d);
    case 'supplement-received':
      return receiveSupplement(cmd, actor, d, ctx);
    case 'request-fees':
      return requestFees(cmd, actor, d);
    case 'resolve':
      return resolveDossier(cmd, actor, d, ctx);
    case 'return-result':
      return returnResult(cmd, actor, d);
    case 'withdraw':
      return withdrawDossier(cmd, actor, d, ctx);
    case 'stop':
      return stopDossier(cmd, actor, d, ctx);
    case 'refuse':
      return refuseDossier(cmd, actor, d, ctx);
  }
};
