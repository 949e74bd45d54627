import { BenchContext, BenchResult } from '../lib/context';
export async function benchIntake(_ctx: BenchContext): Promise<BenchResult> { throw new Error('not written yet'); }
