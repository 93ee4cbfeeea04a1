import { Fraction } from '../../evaluation/domain/fraction';
import type { RuleSet } from '../../evaluation/domain/rule-set';
import type { EvaluationScoreJson, LkeStage } from '../../evaluation/domain/scoring';

/**
 * Row data of the per-SKPD LKE worksheet (Lembar Kerja Evaluasi): component → sub-component → criterion, each stage's
 * answer and value side by side, notes, subtotals, the total and predicate per stage, and the recommendations with
 * their follow-up. Pure: it lays out what the score breakdown (GET /evaluations/:id/score) already computed; it only
 * rounds exact fractions half-up to 2 dp for display.
 */

export const STAGES: readonly LkeStage[] = ['self', 'evaluator', 'qa', 'final'];
export const STAGE_LABELS: Record<LkeStage, string> = {
  self: 'Penilaian Mandiri',
  evaluator: 'Evaluator',
  qa: 'Penjaminan Kualitas',
  final: 'Nilai Akhir',
};

/** One worksheet slot's stored answers and notes (a criterion, or a sub-component in SUBCOMPONENT_GRADE mode). */
export interface LkeAnswerInput {
  readonly criterionId: string;
  readonly selfAnswer: string | null;
  readonly selfNote: string | null;
  readonly evaluatorAnswer: string | null;
  readonly evaluatorNote: string | null;
  readonly qaAnswer: string | null;
  readonly qaNote: string | null;
  readonly finalAnswer: string | null;
}

export interface LkeRecommendationInput {
  readonly refId: string | null;
  readonly text: string;
  readonly followUp: string | null;
  readonly status: string;
}

export interface LkeSheetInput {
  readonly ruleSet: RuleSet;
  readonly answers: readonly LkeAnswerInput[];
  readonly scores: Readonly<Record<LkeStage, EvaluationScoreJson>>;
  readonly recommendations: readonly LkeRecommendationInput[];
}

export type LkeLineKind = 'COMPONENT' | 'SUB_COMPONENT' | 'CRITERION';

/** Per stage: the answer code (criterion / graded sub-component) and the value: percent for answers, weighted score for subtotals (2 dp). */
export interface StageCell {
  readonly answer: string | null;
  readonly value: string | null;
}

export interface LkeLine {
  readonly kind: LkeLineKind;
  readonly id: string;
  readonly text: string;
  /** Component and sub-component weight (decimal string); null for criteria. */
  readonly weight: string | null;
  readonly stages: Readonly<Record<LkeStage, StageCell>>;
  readonly notes: { readonly self: string | null; readonly evaluator: string | null; readonly qa: string | null };
}

export interface LkeTotals {
  readonly total: Readonly<Record<LkeStage, string | null>>;
  readonly predicate: Readonly<Record<LkeStage, string | null>>;
  readonly predicateLabel: Readonly<Record<LkeStage, string | null>>;
}

export interface LkeRecommendationLine {
  readonly no: number;
  readonly refId: string | null;
  readonly text: string;
  readonly followUp: string | null;
  readonly status: string;
}

export interface LkeSheet {
  readonly lines: readonly LkeLine[];
  readonly totals: LkeTotals;
  readonly recommendations: readonly LkeRecommendationLine[];
}

export const RECOMMENDATION_STATUS_LABELS: Record<string, string> = {
  OPEN: 'Belum ditindaklanjuti',
  IN_PROGRESS: 'Dalam proses',
  DONE: 'Selesai',
};

const twoDp = (exact: string | null | undefined): string | null =>
  exact ? Fraction.parseRatio(exact).toFixedHalfUp(2) : null;
const percent = (value: string | null | undefined): string | null =>
  value ? Fraction.parse(value).toFixedHalfUp(2) : null;
const perStage = <T>(f: (s: LkeStage) => T): Record<LkeStage, T> => ({
  self: f('self'),
  evaluator: f('evaluator'),
  qa: f('qa'),
  final: f('final'),
});
const NO_NOTES = { self: null, evaluator: null, qa: null };

function answerOf(a: LkeAnswerInput | undefined, stage: LkeStage): string | null {
  if (!a) return null;
  return stage === 'self'
    ? a.selfAnswer
    : stage === 'evaluator'
      ? a.evaluatorAnswer
      : stage === 'qa'
        ? a.qaAnswer
        : a.finalAnswer;
}

/** Sorts "1.a.10" after "1.a.9". */
const byRef = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en', { numeric: true });

export function buildLkeSheet(input: LkeSheetInput): LkeSheet {
  const answers = new Map(input.answers.map((a) => [a.criterionId, a]));
  const gradeMode = input.ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE';
  const s = input.scores;
  const lines: LkeLine[] = [];
  for (const component of input.ruleSet.components) {
    lines.push({
      kind: 'COMPONENT',
      id: component.id,
      text: component.name,
      weight: component.weight,
      stages: perStage((st) => ({
        answer: null,
        value: twoDp(s[st].components.find((c) => c.id === component.id)?.scoreExact),
      })),
      notes: NO_NOTES,
    });
    for (const sub of component.subComponents) {
      const graded = gradeMode ? answers.get(sub.id) : undefined;
      lines.push({
        kind: 'SUB_COMPONENT',
        id: sub.id,
        text: sub.name,
        weight: sub.weight,
        stages: perStage((st) => ({
          answer: gradeMode ? answerOf(graded, st) : null,
          value: twoDp(s[st].subComponents.find((k) => k.id === sub.id)?.scoreExact),
        })),
        notes: graded ? { self: graded.selfNote, evaluator: graded.evaluatorNote, qa: graded.qaNote } : NO_NOTES,
      });
      if (gradeMode) continue;
      for (const criterion of sub.criteria) {
        const a = answers.get(criterion.id);
        lines.push({
          kind: 'CRITERION',
          id: criterion.id,
          text: criterion.text,
          weight: null,
          stages: perStage((st) => ({
            answer: answerOf(a, st),
            value: percent(s[st].criteria.find((k) => k.id === criterion.id)?.value),
          })),
          notes: a ? { self: a.selfNote, evaluator: a.evaluatorNote, qa: a.qaNote } : NO_NOTES,
        });
      }
    }
  }
  const labelOf = (p: string | null) =>
    p ? (input.ruleSet.bands.find((b) => b.predicate === p)?.label ?? null) : null;
  const totals: LkeTotals = {
    total: perStage((st) => s[st].totalDisplay),
    predicate: perStage((st) => s[st].predicate),
    predicateLabel: perStage((st) => labelOf(s[st].predicate)),
  };
  const recommendations = [...input.recommendations]
    .sort((a, b) => byRef(a.refId, b.refId))
    .map((r, i) => ({
      no: i + 1,
      refId: r.refId,
      text: r.text,
      followUp: r.followUp,
      status: RECOMMENDATION_STATUS_LABELS[r.status] ?? r.status,
    }));
  return { lines, totals, recommendations };
}

/** "LKE-SAKIP-Dinas-Kesehatan-2025.xlsx". */
export const lkeFileName = (skpdSlug: string, year: number): string => `LKE-SAKIP-${skpdSlug}-${year}.xlsx`;
