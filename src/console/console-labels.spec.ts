import { ROLES } from '../auth/roles';
import { RECOMMENDATION_STATUSES } from '../evaluation/entities/evaluation-recommendation.entity';
import { EVALUATION_STATUSES } from '../evaluation/entities/evaluation.entity';
import { LKE_STAGES } from '../evaluation/domain/scoring';
import { SKPD_KINDS } from '../organization/entities/skpd.entity';
import { PK_STATUSES } from '../planning/entities/performance-agreement.entity';
import { hasLabel, labelOf, type LabelKind } from './console-labels';

/** A label is Indonesian words, not the code itself in capitals. */
const looksLikeCode = (label: string) => /^[A-Z_]{3,}$/.test(label) && label !== 'SKPD' && label !== 'RSUD';

describe('console labels', () => {
  it.each<[LabelKind, readonly string[]]>([
    ['status', EVALUATION_STATUSES],
    ['pk', PK_STATUSES],
    ['recommendation', RECOMMENDATION_STATUSES],
    ['stage', LKE_STAGES],
    ['role', ROLES],
    ['skpdKind', SKPD_KINDS],
  ])('every %s code has its own Indonesian label', (kind, codes) => {
    for (const code of codes) {
      expect([code, hasLabel(kind, code), looksLikeCode(labelOf(kind, code))]).toEqual([code, true, false]);
    }
  });

  it.each([
    ['status', 'FINAL', 'Final'],
    ['pk', 'LOCKED', 'Terkunci'],
    ['action', 'CREATE', 'Membuat'],
    ['entity', 'EvaluationRecommendation', 'Rekomendasi'],
  ] as const)('%s %s → %s', (kind, code, label) => expect(labelOf(kind, code)).toBe(label));

  it('shows an unknown code in words and nothing as a dash', () => {
    expect(labelOf('action', 'SOME_NEW_ACTION')).toBe('Some new action');
    expect(labelOf('entity', 'BudgetLine')).toBe('Budget line');
    expect(labelOf('status', null)).toBe('–');
  });
});
