import {
  DomainEvent,
  DossierApologyIssued,
  DossierFinishedV1,
  DossierOverdue,
  DossierReceived,
  DossierReceivedV1,
  DossierRefused,
  DossierResolved,
  DossierStopped,
  DossierSupplementRequested,
  DossierThankYouLetterIssued,
  DossierWithdrawn,
} from '@fg/contracts';
import { localYearOf, toLocalDate } from '@fg/kernel';
import { MetricBook } from './metric-book';

export const FINISHED_TYPES = [
  DossierResolved.type,
  DossierWithdrawn.type,
  DossierStopped.type,
  DossierRefused.type,
];
export const DOSSIER_TYPES = [
  ...FINISHED_TYPES,
  DossierReceived.type,
  DossierOverdue.type,
  DossierApologyIssued.type,
  DossierSupplementRequested.type,
  DossierThankYouLetterIssued.type,
];

const finish = (book: MetricBook, unitCode: string, d: DossierFinishedV1, currentYear: number): void => {
  const c = book.unit(unitCode, d.finishedAt);
  c.dossiersFinished++;
  if (d.timeliness === 'EARLY') c.early++;
  else if (d.timeliness === 'ON_TIME') c.onTime++;
  else {
    c.late++;
    if (d.apologyIssued) c.lateWithApology++;
    else c.lateWithoutApology++;
  }
  if (d.sameDay) {
    c.sameDayFinished++;
    // "Same-day result" means ready on the local day of receipt, not merely before the due date.
    if (toLocalDate(d.finishedAt) === toLocalDate(d.receivedAt)) c.sameDayOnTime++;
  }
  if (d.wasOverdue) {
    c.openOverdue--;
    book.touchFollowingYears(unitCode, localYearOf(d.finishedAt), currentYear);
  }
};

/**
 * Dossier events → unit counters, in the month (Vietnam time) the fact happened: finished dossiers by their
 * finish time, receptions by receipt, overdue, apologies and repeated supplement requests by when they were
 * published about.
 */
export function foldDossierEvents(events: DomainEvent[], book: MetricBook, currentYear: number): void {
  for (const e of events) {
    if (FINISHED_TYPES.includes(e.type)) {
      finish(book, e.unitcode, e.data as DossierFinishedV1, currentYear);
    } else if (e.type === DossierReceived.type) {
      const d = e.data as DossierReceivedV1;
      const c = book.unit(e.unitcode, d.receivedAt);
      c.dossiersReceived++;
      if (d.channel === 'HOME') c.homeServiceCount++;
      else if (d.channel === 'COUNTER') c.receivedCounter++;
      else if (d.channel === 'ONLINE') c.receivedOnline++;
      else if (d.channel === 'POSTAL') c.receivedPostal++;
    } else if (e.type === DossierOverdue.type) {
      const at = (e.data as { at: string }).at;
      book.unit(e.unitcode, at).openOverdue++;
      book.touchFollowingYears(e.unitcode, localYearOf(at), currentYear);
    } else if (e.type === DossierApologyIssued.type) {
      book.unit(e.unitcode, (e.data as { at: string }).at).apologiesIssued++;
    } else if (e.type === DossierSupplementRequested.type) {
      // Only repeats count (docs/domain.md §Supplement requests); events without the flag are first requests.
      const d = e.data as { at: string; repeatSupplement?: boolean };
      if (d.repeatSupplement === true) book.unit(e.unitcode, d.at).repeatedSupplements++;
    } else if (e.type === DossierThankYouLetterIssued.type) {
      book.unit(e.unitcode, (e.data as { at: string }).at).thankYouLetters++;
    }
  }
}
