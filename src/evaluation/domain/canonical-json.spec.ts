import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }, 2] })).toBe('{"a":[{"c":null,"d":"x"},2],"b":1}');
  });
  it('gives the same text for the same value in another key order', () => {
    const one = { code: 'X', version: 1, bands: [{ above: '90', predicate: 'AA' }] };
    const two = JSON.parse('{"bands":[{"predicate":"AA","above":"90"}],"version":1,"code":"X"}') as unknown;
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });
  it('round-trips through JSON.parse', () => {
    const v = { s: 'a"b\\c', n: 12.5, t: true, e: [], o: {} };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });
});
