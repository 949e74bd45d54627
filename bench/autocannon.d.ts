// autocannon ships no type declarations; this covers the callback API the benchmarks use.
declare module 'autocannon' {
  namespace autocannon {
    type Options = Record<string, any>;
    type Result = Record<string, any>;
    interface Instance {
      stop(): void;
      on(event: string, listener: (...args: any[]) => void): Instance;
    }
  }
  function autocannon(
    opts: autocannon.Options,
    cb: (err: Error | null, res: autocannon.Result) => void,
  ): autocannon.Instance;
  export = autocannon;
}
