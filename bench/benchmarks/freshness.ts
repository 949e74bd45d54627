import { BenchContext, BenchResult } from '../lib/context';
export async function benchFreshness(_ctx: BenchContext): Promise<BenchResult> { throw new Error('not written yet'); }
