import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, validateSync } from 'class-validator';
import { PageLimit, PageOffset } from './page-query';
import { MAX_OFFSET } from './query-limits';

class ListQuery {
  @PageLimit({ max: 500, default: 50 })
  limit: number = 50;

  @PageOffset()
  offset: number = 0;
}

/** The failed constraints of each property, in the order class-validator reports them. */
const failures = (query: Record<string, string>) =>
  validateSync(plainToInstance(ListQuery, query)).map((e) => [e.property, Object.keys(e.constraints ?? {})]);

describe('PageLimit / PageOffset', () => {
  it('turns the query text into numbers and keeps the defaults when absent', () => {
    expect(plainToInstance(ListQuery, { limit: '20', offset: '40' })).toMatchObject({
      limit: 20,
      offset: 40,
    });
    expect(plainToInstance(ListQuery, {})).toMatchObject({ limit: 50, offset: 0 });
    expect(failures({ limit: '500', offset: String(MAX_OFFSET) })).toEqual([]);
  });

  it('caps the limit at its max and the offset at MAX_OFFSET, 1e20 included (issue #16 row 8)', () => {
    expect(failures({ limit: '501' })).toEqual([['limit', ['max']]]);
    expect(failures({ limit: '0' })).toEqual([['limit', ['min']]]);
    for (const offset of ['1e20', '1e30', String(MAX_OFFSET + 1)])
      expect(failures({ offset })).toEqual([['offset', ['max']]]);
    expect(failures({ offset: '-1' })).toEqual([['offset', ['min']]]);
  });

  it('reports a non-number in the order the decorators stacked by hand did', () => {
    class ByHand {
      @IsOptional()
      @Type(() => Number)
      @IsInt()
      @Min(1)
      @Max(500)
      limit: number = 50;
    }
    const byHand = validateSync(plainToInstance(ByHand, { limit: 'abc' }));
    expect(failures({ limit: 'abc' })).toEqual([['limit', Object.keys(byHand[0].constraints ?? {})]]);
    expect(failures({ limit: 'abc' })).toEqual([['limit', ['max', 'min', 'isInt']]]);
  });
});
