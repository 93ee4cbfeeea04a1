import { reservedKeyPaths } from './request-validation.pipe';

describe('reservedKeyPaths', () => {
  it('finds __proto__, constructor and prototype at any depth, with their paths', () => {
    const body = JSON.parse(
      '{"__proto__":{},"a":[{"constructor":1},{"ok":{"prototype":null}}],"name":"constructor","b":{"c":1}}',
    );
    expect(reservedKeyPaths(body)).toEqual(['__proto__', 'a.0.constructor', 'a.1.ok.prototype']);
  });

  it('finds nothing in ordinary values', () => {
    expect(reservedKeyPaths({ targets: [{ year: 2025, target: '1' }] })).toEqual([]);
    expect(reservedKeyPaths('constructor')).toEqual([]);
    expect(reservedKeyPaths(undefined)).toEqual([]);
  });
});
