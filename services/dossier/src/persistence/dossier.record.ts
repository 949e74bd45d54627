import type { Dossier } from '../domain';

/** Personal data of the applicant: stored only in the dossier row, never in events or logs. */
export interface Applicant {
  fullName: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
  /**
   * The applicant agreed to be notified (issue #18) at the phone/e-mail above: only then do they travel, sealed
   * for the notify service, in `dossier.received`. Absent on dossiers taken in before.
   */
  contactConsent?: boolean;
}

/** What the dossier row keeps beside the domain state. */
export interface DossierExtras {
  externalId: string | null;
  /** Hash of the intake request, to tell an idempotent replay from a reused externalId. */
  requestHash: string | null;
  ticketId: string | null;
  /** Procedure name at intake (the catalog may be renamed later; letters keep the original). */
  procedureName: string;
  applicant: Applicant;
  lookupKeyHash: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface DossierRecord {
  state: Dossier;
  extras: DossierExtras;
}
