// autocannon ships no type declarations; the benchmarks use its callback API with plain objects.
declare module 'autocannon' {
  const autocannon: (opts: Record<string, unknown>, cb: (err: Error | null, res: any) => void) => { stop(): void };
  export default autocannon;
}
