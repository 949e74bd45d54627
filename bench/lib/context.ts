export interface BenchContext {
  brokers: string;
  args: Record<string, string | boolean>;
  quick: boolean;
  runs: number;
  /** Keep databases and topics after the run (for inspection). */
  keep: boolean;
}

/** One figure of a report: a median over runs with min and max, its unit, and a target when there is one. */
export interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number[];
  target?: string;
  met?: boolean;
  /** Peak RSS (VmHWM) of the service process, MiB: median/min/max over runs. */
  rssMiB?: { median: number; min: number; max: number };
}

export interface BenchResult {
  name: string;
  title: string;
  params: Record<string, unknown>;
  figures: Figure[];
  notes: string[];
  checks: Record<string, unknown>;
  ok: boolean;
}
