/** What the simulator did and saw accepted, per unit: the figures every dashboard must show. */
export interface UnitTruth {
  ticketsIssued: number;
  ticketsServed: number;
  noShows: number;
  dossiersReceived: number;
  finished: number;
  early: number;
  onTime: number;
  late: number;
  lateWithoutApology: number;
  apologies: number;
  supplementRequests: number;
  responses: number;
  tabletResponses: number;
  sipasResponses: number;
  /** Per SIPAS element: answers given and satisfied (+ very satisfied) answers. */
  elements: Record<string, { valid: number; satisfied: number }>;
  /** Officer id → star counts [1★..5★] from tablet ratings. */
  officerStars: Record<string, number[]>;
}

export const emptyTruth = (): UnitTruth => ({
  ticketsIssued: 0,
  ticketsServed: 0,
  noShows: 0,
  dossiersReceived: 0,
  finished: 0,
  early: 0,
  onTime: 0,
  late: 0,
  lateWithoutApology: 0,
  apologies: 0,
  supplementRequests: 0,
  responses: 0,
  tabletResponses: 0,
  sipasResponses: 0,
  elements: {},
  officerStars: {},
});

export function addElementAnswer(t: UnitTruth, element: string, satisfied: boolean): void {
  const e = (t.elements[element] ??= { valid: 0, satisfied: 0 });
  e.valid++;
  if (satisfied) e.satisfied++;
}

export function addStars(t: UnitTruth, officerId: string, stars: number): void {
  (t.officerStars[officerId] ??= [0, 0, 0, 0, 0])[stars - 1]++;
}

export function sumTruth(units: UnitTruth[]): UnitTruth {
  const total = emptyTruth();
  for (const u of units) {
    for (const k of Object.keys(total) as (keyof UnitTruth)[]) {
      if (typeof total[k] === 'number') (total as any)[k] += u[k] as number;
    }
    for (const [el, v] of Object.entries(u.elements)) {
      const e = (total.elements[el] ??= { valid: 0, satisfied: 0 });
      e.valid += v.valid;
      e.satisfied += v.satisfied;
    }
    for (const [o, s] of Object.entries(u.officerStars)) total.officerStars[o] = s.slice();
  }
  return total;
}
