/**
 * Rounds half away from zero to `decimals` places. The `1 + EPSILON` nudge keeps binary artefacts from
 * rounding the wrong way (1.005 → 1.01, 0.1 + 0.2 → 0.3, 79.999999999 → 80), which matters because star
 * levels are decided on the score rounded to 2 decimals.
 */
export const roundTo = (x: number, decimals = 2): number => {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * factor * (1 + Number.EPSILON))) / factor;
  return rounded === 0 ? 0 : rounded; // no -0
};

/** Formats a number for explanations: at most 2 decimals, no trailing zeros. */
export const formatNumber = (x: number): string => String(roundTo(x, 2));
