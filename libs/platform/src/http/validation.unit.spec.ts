import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DomainError } from './domain-error';
import { createValidationPipe, PlatformValidationPipe } from './validation';

class StatsQuery {
  @IsString() @Matches(/^[A-Z0-9]{1,8}$/) unitCode!: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @IsOptional() @IsIn(['unit', 'month']) groupBy: 'unit' | 'month' = 'unit';
  @IsOptional() @IsString({ each: true }) tag?: string[];
}
class Body {
  @IsString() name!: string;
}

/** What Express's query parser gives a handler: an object without prototype. */
const query = (o: Record<string, string | string[]>) => Object.assign(Object.create(null), o);
const asQuery = { type: 'query' as const, metatype: StatsQuery, data: undefined };

async function outcome(
  pipe: PlatformValidationPipe,
  value: unknown,
  meta: Parameters<PlatformValidationPipe['transform']>[1] = asQuery,
) {
  try {
    return { value: await pipe.transform(value, meta) };
  } catch (e) {
    return {
      error: e instanceof DomainError ? { code: e.code, message: e.message, details: e.details } : String(e),
    };
  }
}

describe('validation pipe with the query memo', () => {
  const cases: Record<string, string | string[]>[] = [
    { unitCode: 'DP', year: '2026', groupBy: 'month' },
    { unitCode: 'DP' },
    { unitCode: 'DP', tag: ['a', 'b'] },
    { unitCode: 'dp', year: '2026' }, // bad code
    { unitCode: 'DP', year: '20x6' }, // not a number
    { unitCode: 'DP', extra: '1' }, // not whitelisted
    { unitCode: 'DP', groupBy: 'week' },
  ];

  it('answers every query as the plain ValidationPipe does, the first time and from the memo', async () => {
    const memo = createValidationPipe() as PlatformValidationPipe;
    for (const c of cases) {
      const fresh = await outcome(createValidationPipe() as PlatformValidationPipe, query(c));
      const first = await outcome(memo, query(c));
      const again = await outcome(memo, query(c));
      expect(first).toEqual(fresh);
      expect(again).toEqual(fresh);
      if ('value' in again) expect(again.value).toBeInstanceOf(StatsQuery);
    }
    expect((await outcome(memo, query(cases[0]))).value).toEqual(
      Object.assign(new StatsQuery(), { unitCode: 'DP', year: 2026, groupBy: 'month' }),
    );
    expect((await outcome(memo, query(cases[3]))).error).toMatchObject({
      code: 'REQUEST.INVALID',
      message: expect.stringContaining('unitCode'),
    });
  });

  it('runs the validation once per distinct query string, and gives each request its own DTO', async () => {
    const pipe = createValidationPipe() as PlatformValidationPipe;
    const validate = jest.spyOn(pipe as unknown as { validate: () => unknown }, 'validate');
    const a = (await pipe.transform(query({ unitCode: 'DP', tag: ['x'] }), asQuery)) as StatsQuery;
    const b = (await pipe.transform(query({ unitCode: 'DP', tag: ['x'] }), asQuery)) as StatsQuery;
    expect(validate).toHaveBeenCalledTimes(1);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    a.tag!.push('changed');
    a.unitCode = 'CHANGED';
    const c = (await pipe.transform(query({ unitCode: 'DP', tag: ['x'] }), asQuery)) as StatsQuery;
    expect(c.tag).toEqual(['x']);
    expect(c.unitCode).toBe('DP');
    // failures are not remembered: validated again each time
    await outcome(pipe, query({ unitCode: 'bad' }));
    await outcome(pipe, query({ unitCode: 'bad' }));
    expect(validate).toHaveBeenCalledTimes(3);
  });

  it('does not memoize bodies', async () => {
    const pipe = createValidationPipe() as PlatformValidationPipe;
    const validate = jest.spyOn(pipe as unknown as { validate: () => unknown }, 'validate');
    const meta = { type: 'body' as const, metatype: Body, data: undefined };
    expect(await outcome(pipe, { name: 'x' }, meta)).toEqual({
      value: Object.assign(new Body(), { name: 'x' }),
    });
    expect(await outcome(pipe, { name: 'x' }, meta)).toEqual({
      value: Object.assign(new Body(), { name: 'x' }),
    });
    expect(validate).toHaveBeenCalledTimes(2);
  });

  it('keeps at most the configured number of query strings per DTO class', async () => {
    const pipe = new PlatformValidationPipe({ transform: true, whitelist: true }, 2);
    const validate = jest.spyOn(pipe as unknown as { validate: () => unknown }, 'validate');
    for (const code of ['A', 'B', 'C', 'A']) await pipe.transform(query({ unitCode: code }), asQuery);
    expect(validate).toHaveBeenCalledTimes(4); // A was dropped when C came
  });
});
