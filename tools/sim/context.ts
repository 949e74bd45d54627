import { Api, apiClient, ServiceUrls } from './api-client';
import { UnitTruth } from './ground-truth';
import { COUNTERS, officerOf } from './office-setup';
import { Random } from './random';
import { signToken } from './tokens';

/** Everything one simulated office needs: its clients (one per role, officers per counter) and its tally. */
export interface OfficeContext {
  unitCode: string;
  rng: Random;
  truth: UnitTruth;
  kiosk: Api;
  portal: Api;
  citizen: Api;
  officers: Record<string, Api>;
  /** The officer who handles dossiers (counter 1). */
  clerk: Api;
  clerkId: string;
  /** Procedures of the public catalog: code and processing. */
  procedures: { code: string; processing: { amount: number; unit: string } }[];
  /** Questionnaire question lists by `surveyId@version`, fetched once. */
  questionCache: Map<string, any>;
  speed: number;
  /** Distinguishes this run's portal ids (externalId) from earlier runs against the same database. */
  runId: string;
  dossierSeq: number;
}

export function officeContext(
  urls: ServiceUrls,
  unitCode: string,
  rng: Random,
  truth: UnitTruth,
  procedures: OfficeContext['procedures'],
  speed: number,
  questionCache: Map<string, any>,
  runId: string,
): OfficeContext {
  const officers = Object.fromEntries(
    COUNTERS.map((c) => [
      c.counterNo,
      apiClient(
        urls,
        signToken({ role: 'officer', units: [unitCode], sub: officerOf(unitCode, c.counterNo) }),
      ),
    ]),
  );
  return {
    unitCode,
    rng,
    truth,
    procedures,
    speed,
    questionCache,
    officers,
    runId,
    dossierSeq: 0,
    kiosk: apiClient(urls, signToken({ role: 'kiosk', units: [unitCode], sub: `kiosk-${unitCode}` })),
    portal: apiClient(urls, signToken({ role: 'portal', units: ['*'], sub: 'cong-dich-vu-cong-tinh' })),
    citizen: apiClient(urls),
    clerk: officers['1'],
    clerkId: officerOf(unitCode, '1'),
  };
}

/** Waits `simulatedSeconds / speed` of real time (speed 0 = as fast as possible). */
export const pace = (ctx: OfficeContext, simulatedSeconds: number) =>
  ctx.speed > 0
    ? new Promise((r) => setTimeout(r, (simulatedSeconds * 1000) / ctx.speed))
    : Promise.resolve();
