import { gatewayTemplateProblem, renderGatewayTemplate } from './gateway-template';

describe('gateway message template', () => {
  it.each([
    ['{pesan}', null],
    ['*{judul}*\\n{pesan}\\nBuka: {tautan}', null],
    ['', 'must not be empty'],
    ['{judul}', 'must contain {pesan}'],
    ['{pesan} {nama}', 'unknown placeholder {nama}; use {judul}, {pesan}, {tautan}'],
    ['{pesan} {judul', 'has an unmatched { or }'],
    ['{pesan}' + 'x'.repeat(1000), 'must be at most 1000 characters'],
  ])('%j → %s', (template, problem) => expect(gatewayTemplateProblem(template)).toBe(problem));

  it('fills the placeholders, breaks lines at \\n and drops a line left empty without a link', () => {
    const template = '*{judul}*\\n{pesan}\\n{tautan}';
    expect(
      renderGatewayTemplate(template, { judul: 'Batas PK', pesan: 'Segera ajukan.', tautan: 'https://x/pk' }),
    ).toBe('*Batas PK*\nSegera ajukan.\nhttps://x/pk');
    expect(renderGatewayTemplate(template, { judul: 'Batas PK', pesan: 'Segera ajukan.', tautan: null })).toBe(
      '*Batas PK*\nSegera ajukan.',
    );
  });
});
