import { nestsDeeperThan } from './body-depth';

const nest = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('nestsDeeperThan', () => {
  it.each([
    [1, 1, false],
    [undefined, 0, false],
    [{}, 0, true],
    [{}, 1, false],
    [nest(32), 32, false],
    [nest(33), 32, true],
    [{ a: [1, 2, { b: [] }], c: 'x' }, 4, false],
    [{ a: [1, 2, { b: [] }], c: 'x' }, 3, true],
  ])('%j deeper than %i → %s', (value, max, expected) => {
    expect(nestsDeeperThan(value, max)).toBe(expected);
  });

  it('walks 100,000 levels without recursion', () => {
    expect(nestsDeeperThan(nest(100_000), 32)).toBe(true);
  });
});
