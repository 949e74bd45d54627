import { QueueRuleError } from './queue.errors';

/** The caller opening a counter, from the bearer token (never from the request body). */
export interface DutyCaller {
  sub: string;
  roles: readonly string[];
}

/** Who goes on duty, and who put him there when it was someone else (a unit-admin's assignment). */
export interface DutyOfficer {
  officerId: string;
  assignedBy: string | null;
}

/**
 * The officer on a counter is the token's subject: the tickets served there, their tablet invitations and the
 * ratings are credited to him, so a body field must not choose him (issue #16, docs/domain.md "Counters").
 * `requested` is the deprecated `officerId` of the open-counter body: omitted or equal to the caller it changes
 * nothing; naming someone else is a unit-admin's (or admin's) assignment, and only of an officer who has
 * already been on duty in this unit (`knownInUnit`, looked up by the caller for `requested`: queue keeps no officer registry of its own).
 */
export const dutyOfficer = (
  caller: DutyCaller,
  requested: string | undefined,
  knownInUnit: boolean,
): DutyOfficer => {
  const officerId = requested?.trim() || caller.sub;
  if (officerId === caller.sub) return { officerId, assignedBy: null };
  if (!caller.roles.includes('unit-admin') && !caller.roles.includes('admin'))
    throw new QueueRuleError(
      'COUNTER.OFFICER_NOT_CALLER',
      'An officer opens a counter for himself: omit officerId or give your own',
      { officerId },
    );
  if (!knownInUnit)
    throw new QueueRuleError(
      'COUNTER.OFFICER_NOT_OF_UNIT',
      `Officer ${officerId} has never been on duty in this unit: his first shift is opened with his own token`,
      { officerId },
    );
  return { officerId, assignedBy: caller.sub };
};
