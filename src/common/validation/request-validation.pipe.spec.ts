import { forbiddenInput } from './request-validation.pipe';
import { RequestValidationError } from './request-validation.error';

const fields = (value: unknown) => forbiddenInput(value).map((f) => f.field);

describe('forbiddenInput', () => {
  it('finds reserved keys at any depth, by path', () => {
    const body = JSON.parse('{"__proto__":1,"a":[{"constructor":{}},{"ok":{"prototype":2,"toString":3}}]}');
    expect(fields(body)).toEqual(['__proto__', 'a.0.constructor', 'a.1.ok.prototype', 'a.1.ok.toString']);
  });

  it.each([
    ['A \ufffe B'],
    ['nul \u0000'],
    ['vertical tab \u000b'],
    ['lone high \ud800 surrogate'],
    ['lone low \udc00 surrogate'],
  ])('finds a string no document can print: %j', (text) => {
    expect(forbiddenInput({ skpd: [{ name: text }] })).toEqual([
      { field: 'skpd.0.name', messages: ['skpd.0.name contains a character that cannot be printed'] },
    ]);
  });

  it('passes ordinary input, tabs, line breaks and paired surrogates', () => {
    expect(fields({ targets: [{ year: 2025, target: '1' }], note: 'baris 1\r\nbaris 2\ttab 😀 é' })).toEqual([]);
    expect(fields('constructor')).toEqual([]);
    expect(fields(undefined)).toEqual([]);
  });
});

describe('RequestValidationError', () => {
  it('names a huge field without echoing all of it', () => {
    const key = `a${'[b]'.repeat(3000)}`;
    const [error] = new RequestValidationError([{ field: key, messages: [`property ${key} should not exist`] }]).fields;
    expect(error.field).toHaveLength(201);
    expect(error.field.startsWith('a[b][b]')).toBe(true);
    expect(error.messages[0].length).toBeLessThanOrEqual(201);
  });
});
