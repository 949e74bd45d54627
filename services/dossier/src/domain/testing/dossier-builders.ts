import { fromLocal } from '@fg/kernel';
import { decideDossier, type DossierCommand } from '../decide-dossier';
import type { Actor, Dossier, DossierIn, DossierTimeContext } from '../dossier';
import { receiveDossier, registerDossier, type ReceiveDossier } from '../dossier-intake';
import type { DossierStatus } from '../dossier-status';
import { timeContext } from './calendars';

export const officer: Actor = { id: 'officer-1', role: 'officer' };

/** Intake command with overrides: a 3-working-day procedure received Monday 2025-07-07 09:00 local. */
export const anIntake = (overrides: Partial<ReceiveDossier> = {}): ReceiveDossier => ({
  id: '5f0e7b8e-2f4a-4c56-9d7e-1a2b3c4d5e6f',
  code: '000.00.20.H56-250707-0001',
  procedureCode: 'HT-KHAI-SINH',
  unitCode: '000.00.20.H56',
  channel: 'COUNTER',
  processing: { amount: 3, unit: 'WORKING_DAYS' },
  now: fromLocal('2025-07-07 09:00'),
  ...overrides,
});

/** Step between successive commands when building a history (one hour). */
const HOUR = 3_600_000;

/** The commands that lead from intake to `status`. */
const pathTo: Record<DossierStatus, DossierCommand['action'][]> = {
  REGISTERED: [],
  RECEIVED: [],
  IN_PROGRESS: ['start'],
  SUPPLEMENT_REQUESTED: ['start', 'request-supplement'],
  AWAITING_FEES: ['start', 'request-fees'],
  RESOLVED: ['start', 'resolve'],
  RESULT_RETURNED: ['start', 'resolve', 'return-result'],
  REFUSED: ['refuse'],
  WITHDRAWN: ['withdraw'],
  STOPPED: ['start', 'stop'],
};

const commandFor = (action: DossierCommand['action'], now: Date): DossierCommand => {
  switch (action) {
    case 'request-supplement':
    case 'refuse':
      return { action, now, reason: 'Thiếu bản sao giấy chứng nhận kết hôn' };
    case 'resolve':
      return { action, now, outcome: 'APPROVED' };
    default:
      return { action, now };
  }
};

/**
 * A dossier in `status`, built by running the real decisions from intake (so it is always a state
 * the domain can reach). REGISTERED dossiers come from online registration; all others from a
 * counter receipt; each later step happens one hour after the previous one.
 */
export const aDossierIn = <S extends DossierStatus>(
  status: S,
  intake: Partial<ReceiveDossier> = {},
  ctx: DossierTimeContext = timeContext(),
): DossierIn<S> => {
  const cmd = anIntake(intake);
  let d: Dossier =
    status === 'REGISTERED'
      ? registerDossier({ ...cmd, channel: 'ONLINE' }, officer).state
      : receiveDossier(cmd, officer, ctx).state;
  let t = cmd.now.getTime();
  for (const action of pathTo[status]) {
    t += HOUR;
    d = decideDossier(commandFor(action, new Date(t)), officer, d, ctx).state;
  }
  if (d.status !== status) throw new Error(`builder reached ${d.status}, not ${status}`);
  return d as DossierIn<S>;
};
