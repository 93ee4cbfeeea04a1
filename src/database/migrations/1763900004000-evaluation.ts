import { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/** Stored score of one stage: total (4 dp, DECIMAL), the exact total as a reduced fraction, and the predicate. */
const stageTotals = (stage: string): TableColumnOptions[] => [
  col.decimal(`${stage}Total`, true, 9, 4),
  col.text(`${stage}TotalExact`, 80, { isNullable: true }),
  col.text(`${stage}Predicate`, 3, { isNullable: true }),
];

/** LKE evaluations (SKPD and Pemda), their answers per stage, official Pemda component scores and recommendations. */
export class Evaluation1763900004000 implements MigrationInterface {
  name = 'Evaluation1763900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'evaluations',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId', true),
          col.text('subjectKey', 36),
          col.int('year'),
          col.text('kind', 10),
          col.text('ruleSetCode', 60),
          col.int('ruleSetVersion'),
          col.longText('ruleSetSnapshot', false),
          col.text('status', 20),
          col.int('revision'),
          col.ref('previousId', true),
          col.datetime('supersededAt', true),
          col.text('reopenReason', 1000, { isNullable: true }),
          col.datetime('selfDeadline', true),
          col.datetime('evaluationDeadline', true),
          col.datetime('qaDeadline', true),
          ...stageTotals('self'),
          ...stageTotals('evaluator'),
          ...stageTotals('qa'),
          ...stageTotals('final'),
          ...stageTotals('official'),
          col.datetime('finalizedAt', true),
          col.ref('finalizedBy', true),
          col.ref('createdBy', true),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_evaluations_subject_year_rev', ['regionId', 'subjectKey', 'year', 'revision'], true),
            index('ix_evaluations_region_year', ['regionId', 'year']),
            index('ix_evaluations_skpd', ['skpdId']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd'), fk('previousId', 'evaluations')],
        },
      ),
    );
    await q.createTable(
      table(
        'evaluation_answers',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('evaluationId'),
          col.text('criterionId', 40),
          col.text('selfAnswer', 3, { isNullable: true }),
          col.longText('selfNote'),
          col.text('evaluatorAnswer', 3, { isNullable: true }),
          col.longText('evaluatorNote'),
          col.text('qaAnswer', 3, { isNullable: true }),
          col.longText('qaNote'),
          col.text('finalAnswer', 3, { isNullable: true }),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_evaluation_answers_criterion', ['evaluationId', 'criterionId'], true),
            index('ix_evaluation_answers_region', ['regionId']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('evaluationId', 'evaluations', 'CASCADE')],
        },
      ),
    );
    await q.createTable(
      table(
        'evaluation_official_scores',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('evaluationId'),
          col.text('componentId', 40),
          col.decimal('score', false, 9, 4),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_evaluation_official_component', ['evaluationId', 'componentId'], true),
            index('ix_evaluation_official_region', ['regionId']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('evaluationId', 'evaluations', 'CASCADE')],
        },
      ),
    );
    await q.createTable(
      table(
        'evaluation_recommendations',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId', true),
          col.ref('evaluationId'),
          col.text('refId', 40, { isNullable: true }),
          col.longText('text', false),
          col.longText('followUp'),
          col.text('status', 20),
          col.ref('carriedFromId', true),
          col.ref('createdBy', true),
          ...col.audited(),
        ],
        {
          indices: [
            index('ix_evaluation_recs_evaluation', ['evaluationId']),
            index('ix_evaluation_recs_region', ['regionId']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('skpdId', 'skpd'), fk('evaluationId', 'evaluations', 'CASCADE')],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['evaluation_recommendations', 'evaluation_official_scores', 'evaluation_answers', 'evaluations'])
      await q.dropTable(t);
  }
}
