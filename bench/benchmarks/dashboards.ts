import { BenchContext, BenchResult } from '../lib/context';
export async function benchDashboards(_ctx: BenchContext): Promise<BenchResult> { throw new Error('not written yet'); }
