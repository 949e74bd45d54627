import { jsonBudgetProblem } from './json-budget';

const bytes = (text: string) => Buffer.from(text);
const budget = { maxDepth: 4, maxKeysPerObject: 3 };

describe('the JSON budget', () => {
  it('lets a body within depth and keys through', () => {
    expect(jsonBudgetProblem(bytes('{"a":{"b":[1,{"c":2}]},"d":"x","e":[]}'), budget)).toBeNull();
  });

  it('refuses nesting deeper than the budget, in objects or arrays', () => {
    expect(jsonBudgetProblem(bytes('[[[[[1]]]]]'), budget)).toBe('nested deeper than 4 levels');
    expect(jsonBudgetProblem(bytes('{"a":{"a":{"a":{"a":{}}}}}'), budget)).toBe(
      'nested deeper than 4 levels',
    );
  });

  it('refuses an object with more keys than the budget, at any depth', () => {
    expect(jsonBudgetProblem(bytes('{"a":1,"b":2,"c":3,"d":4}'), budget)).toBe(
      'an object has more than 3 keys',
    );
    expect(jsonBudgetProblem(bytes('{"x":{"a":1,"b":2,"c":3,"d":4}}'), budget)).toBe(
      'an object has more than 3 keys',
    );
  });

  it('counts the keys of each object on its own, not those of its siblings', () => {
    expect(jsonBudgetProblem(bytes('[{"a":1,"b":2,"c":3},{"a":1,"b":2,"c":3}]'), budget)).toBeNull();
    expect(jsonBudgetProblem(bytes('{"a":{"x":1,"y":2,"z":3},"b":1,"c":2}'), budget)).toBeNull();
  });

  it('ignores brackets, colons and escaped quotes inside strings', () => {
    const text = JSON.stringify({ a: '[[[[[[{{{{:::::', b: 'say \\"{{{{{{"', c: '\\' });
    expect(jsonBudgetProblem(bytes(text), budget)).toBeNull();
  });

  it('stays linear on the worst body of issue #16 (100,000 keys, 50,000 levels)', () => {
    const wide = `{"answers":{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1`).join(',')}}}`;
    expect(jsonBudgetProblem(bytes(wide))).toBe('an object has more than 1000 keys');
    expect(jsonBudgetProblem(bytes(`${'['.repeat(50_000)}${']'.repeat(50_000)}`))).toBe(
      'nested deeper than 32 levels',
    );
  });
});
