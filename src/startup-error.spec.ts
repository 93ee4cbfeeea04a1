import { describeStartupError } from './startup-error';

describe('describeStartupError', () => {
  it.each([
    [
      { code: 'ECONNREFUSED', address: '10.0.0.9', port: 3306 },
      /cannot connect to the database \(ECONNREFUSED at 10\.0\.0\.9:3306\)/,
    ],
    [{ code: 'ER_ACCESS_DENIED_ERROR', message: "Access denied for user 'sakip'" }, /refused the credentials/],
    [{ code: 'ER_BAD_DB_ERROR' }, /does not exist/],
    [{ code: 'EADDRINUSE', port: 3000 }, /port 3000 is already in use/],
    [
      new Error('boom at mysql://user:secret@db:3306/x\n    at stack line'),
      /^startup failed: boom at mysql:\/\/\*\*\*@db:3306\/x$/,
    ],
  ])('%j → one line', (err, expected) => {
    const line = describeStartupError(err);
    expect(line).toMatch(expected);
    expect(line).not.toContain('\n');
    expect(line).not.toContain('secret');
  });
});
