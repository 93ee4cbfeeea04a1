import { answerScaleFor, type RuleSet } from '../../evaluation/domain/rule-set';

/** The answer sets shown side by side, in the order of the workflow. */
export const SHEET_STAGES = ['self', 'evaluator', 'qa', 'final'] as const;
export type SheetStage = (typeof SHEET_STAGES)[number];
type WritingStage = Exclude<SheetStage, 'final'>;

/** One stored answer row (the service's AnswerRowDto, as far as the page needs it). */
export interface SheetRow {
  criterionId: string;
  selfAnswer: string | null;
  selfNote: string | null;
  evaluatorAnswer: string | null;
  evaluatorNote: string | null;
  qaAnswer: string | null;
  qaNote: string | null;
  finalAnswer: string | null;
  evidenceIds: string[];
}

/** The scores of one answer set (the service's EvaluationScoreJson, as far as the page needs it). */
export interface StageScores {
  components: { id: string; score: string | null }[];
  subComponents: { id: string; score: string | null }[];
  total: string | null;
  predicate: string | null;
}

export type Typed = Map<string, { answer: string; note: string }>;

const subtotals = (scores: Record<SheetStage, StageScores>, pick: (s: StageScores) => string | null) =>
  SHEET_STAGES.map((stage) => ({ stage, score: pick(scores[stage]) }));

/**
 * The LKE sheet as the console shows it: components, each with its sub-components and criteria, and the subtotal of
 * every answer set (self, evaluator, QA, final) side by side. Criteria not yet answered (in the set being written,
 * else in the final one) are listed in sheet order, and each criterion knows the next one, so a long sheet can be
 * walked by links alone.
 */
export function lkeSheet(
  ruleSet: RuleSet,
  rows: readonly SheetRow[],
  stage: WritingStage | null,
  scores: Record<SheetStage, StageScores>,
  typed: Typed | null = null,
  errors: Record<string, string> = {},
) {
  const byId = new Map(rows.map((r) => [r.criterionId, r]));
  const components = ruleSet.components.map((c) => ({
    id: c.id,
    anchor: `komponen-${c.id}`,
    name: c.name,
    weight: c.weight,
    subtotals: subtotals(scores, (s) => s.components.find((x) => x.id === c.id)?.score ?? null),
    subComponents: c.subComponents.map((sub) => ({
      id: sub.id,
      name: sub.name,
      weight: sub.weight,
      subtotals: subtotals(scores, (s) => s.subComponents.find((x) => x.id === sub.id)?.score ?? null),
      criteria: (ruleSet.aggregationMode === 'SUBCOMPONENT_GRADE'
        ? [{ id: sub.id, text: sub.name, guidance: '', scale: answerScaleFor(ruleSet, sub) }]
        : sub.criteria.map((k) => ({
            id: k.id,
            text: k.text,
            guidance: k.guidance,
            scale: answerScaleFor(ruleSet, sub, k),
          }))
      ).map((k) => {
        const row = byId.get(k.id);
        const answer = typed?.get(k.id)?.answer ?? (stage ? row?.[`${stage}Answer`] : row?.finalAnswer) ?? '';
        const note = typed?.get(k.id)?.note ?? (stage ? row?.[`${stage}Note`] : row?.evaluatorNote) ?? '';
        return {
          id: k.id,
          text: k.text,
          guidance: k.guidance,
          answer,
          note,
          answered: answer !== '',
          self: row?.selfAnswer ?? null,
          evaluator: row?.evaluatorAnswer ?? null,
          qa: row?.qaAnswer ?? null,
          evidence: (row?.evidenceIds ?? []).map((id, n) => ({ id, n: n + 1 })),
          options: k.scale.options.map((o) => ({ code: o.code, label: o.label, selected: o.code === answer })),
          error: errors[k.id],
          nextUnanswered: null as string | null,
        };
      }),
    })),
  }));
  const criteria = components.flatMap((c) => c.subComponents.flatMap((s) => s.criteria));
  const unanswered = criteria.filter((k) => !k.answered).map((k) => k.id);
  // Each criterion points at the first unanswered one after it (wrapping to the top of the sheet).
  criteria.forEach((k, i) => {
    const after = criteria.slice(i + 1).find((x) => !x.answered) ?? criteria.slice(0, i).find((x) => !x.answered);
    k.nextUnanswered = after?.id ?? null;
  });
  return {
    components,
    totals: SHEET_STAGES.map((s) => ({ stage: s, score: scores[s].total, predicate: scores[s].predicate })),
    unanswered,
    firstUnanswered: unanswered[0] ?? null,
  };
}
