import type { Response } from 'superagent';
import type { RuleSet } from '../../src/evaluation/domain/rule-set';
import { api, asBody, versionOf, type Cast } from '../evaluation/evaluation-fixtures';
import type { MadeUser } from '../factories/factories';
import type { TestApp } from '../utils/test-app';

export const EV = '/api/v1/evaluations';
export const PROGRESS = '/api/v1/progress';

/** Collects a binary response body into a Buffer. */
export const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Every criterion `code`, then per sub-component overrides: { '4.c': 'CC CC CC CC B' }. */
export function answersOf(rs: RuleSet, code: string, overrides: Record<string, string> = {}): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of rs.components) for (const s of c.subComponents) for (const k of s.criteria) out.set(k.id, code);
  for (const [sub, line] of Object.entries(overrides))
    line.split(' ').forEach((code, i) => out.set(`${sub}.${i + 1}`, code));
  return out;
}

/** 68.40 (B): all B, four 4.c and four 2.c criteria at CC. */
export const SHEET_68_40 = (rs: RuleSet) =>
  answersOf(rs, 'B', { '4.c': 'CC CC CC CC B', '2.c': 'CC CC CC CC B B B B B B' });
/** 88.50 (A): all A, 1.a mostly CC (1.a.5 stays A: rule KL-03 keeps 1.c.4 from exceeding it). */
export const SHEET_88_50 = (rs: RuleSet) => answersOf(rs, 'A', { '1.a': 'CC CC CC CC A CC' });

/** Opens the Pemda evaluation of a year and drives it to FINAL with the given evaluator answers; returns its id. */
export async function finalPemdaEvaluation(
  t: TestApp,
  c: Cast,
  year: number,
  answers: Map<string, string>,
): Promise<string> {
  const opened = (await api(t).post(EV).set(t.auth(c.admin)).send({ pemda: true, year }).expect(201)).body;
  const evaluation = (
    await api(t)
      .post(`${EV}/${opened.id}/advance`)
      .set(t.auth(c.evaluator))
      .send({ version: opened.version })
      .expect(200)
  ).body;
  const scored = (
    await api(t)
      .put(`${EV}/${opened.id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(answers), version: await versionOf(t, opened.id) })
      .expect(200)
  ).body.evaluation;
  expect(scored.status).toBe(evaluation.status);
  const qa = (
    await api(t)
      .post(`${EV}/${opened.id}/advance`)
      .set(t.auth(c.evaluator))
      .send({ version: scored.version })
      .expect(200)
  ).body;
  const final = (
    await api(t).post(`${EV}/${opened.id}/advance`).set(t.auth(c.qa)).send({ version: qa.version }).expect(200)
  ).body;
  expect(final.status).toBe('FINAL');
  return opened.id as string;
}

/** Opens an SKPD evaluation and drives it to FINAL with the given evaluator answers; returns its id. */
export async function finalSkpdEvaluation(
  t: TestApp,
  c: Cast,
  skpdId: string,
  planner: MadeUser,
  year: number,
  answers: Map<string, string>,
): Promise<string> {
  const opened = (await api(t).post(EV).set(t.auth(c.admin)).send({ skpdId, year }).expect(201)).body;
  await api(t).post(`${EV}/${opened.id}/submit`).set(t.auth(planner)).send({ version: opened.version }).expect(200);
  const scored = (
    await api(t)
      .put(`${EV}/${opened.id}/answers`)
      .set(t.auth(c.evaluator))
      .send({ ...asBody(answers), version: await versionOf(t, opened.id) })
      .expect(200)
  ).body.evaluation;
  const qa = (
    await api(t)
      .post(`${EV}/${opened.id}/advance`)
      .set(t.auth(c.evaluator))
      .send({ version: scored.version })
      .expect(200)
  ).body;
  await api(t).post(`${EV}/${opened.id}/advance`).set(t.auth(c.qa)).send({ version: qa.version }).expect(200);
  return opened.id as string;
}
