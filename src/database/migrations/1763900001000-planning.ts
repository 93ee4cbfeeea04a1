import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, fk, index, table } from '../migration-helpers';

/**
 * Planning: RPJMD periods, the plan tree (Pemda and SKPD/Renstra nodes), indicators with their annual targets,
 * crosscutting contributions and the Perjanjian Kinerja (PK) with its revisions and quarterly targets.
 * `ownerKey` is the SKPD id or 'PEMDA', so "code unique per owner" is a plain unique index on both engines
 * (a NULL skpdId would never collide in a unique index).
 */
export class Planning1763900001000 implements MigrationInterface {
  name = 'Planning1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'planning_periods',
        [
          col.id(),
          col.ref('regionId'),
          col.text('name', 150),
          col.int('startYear'),
          col.int('endYear'),
          col.text('legalBasis', 300, { isNullable: true }),
          ...col.audited(),
        ],
        {
          indices: [index('uq_planning_periods_start', ['regionId', 'startYear'], true)],
          foreignKeys: [fk('regionId', 'regions')],
        },
      ),
    );
    await q.createTable(
      table(
        'plan_nodes',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('periodId'),
          col.ref('skpdId', true),
          col.text('ownerKey', 36),
          col.text('kind', 20),
          col.ref('parentId', true),
          col.ref('supportsNodeId', true),
          col.text('code', 60),
          col.text('name', 500),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_plan_nodes_code', ['periodId', 'ownerKey', 'code'], true),
            index('ix_plan_nodes_region_period', ['regionId', 'periodId']),
            index('ix_plan_nodes_parent', ['parentId']),
            index('ix_plan_nodes_supports', ['supportsNodeId']),
          ],
          foreignKeys: [
            fk('regionId', 'regions'),
            fk('periodId', 'planning_periods'),
            fk('skpdId', 'skpd'),
            fk('parentId', 'plan_nodes'),
            fk('supportsNodeId', 'plan_nodes', 'SET NULL'),
          ],
        },
      ),
    );
    await q.createTable(
      table(
        'indicators',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('periodId'),
          col.ref('nodeId'),
          col.ref('skpdId', true),
          col.text('ownerKey', 36),
          col.text('code', 60),
          col.text('name', 500),
          col.longText('definition'),
          col.text('satuan', 60),
          col.text('polarity', 20),
          col.decimal('rangeMin', true),
          col.decimal('rangeMax', true),
          col.text('aggregation', 20),
          col.text('lowerIsBetterFormula', 20, { isNullable: true }),
          col.decimal('baselineValue', true),
          col.int('baselineYear', { isNullable: true }),
          col.decimal('endTarget', true),
          col.text('dataSource', 300, { isNullable: true }),
          col.bool('isIku', false),
          col.int('decimals', { default: 2 }),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_indicators_code', ['periodId', 'ownerKey', 'code'], true),
            index('ix_indicators_region_period', ['regionId', 'periodId']),
            index('ix_indicators_node', ['nodeId']),
          ],
          foreignKeys: [
            fk('regionId', 'regions'),
            fk('periodId', 'planning_periods'),
            fk('nodeId', 'plan_nodes'),
            fk('skpdId', 'skpd'),
          ],
        },
      ),
    );
    await q.createTable(
      table(
        'indicator_targets',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId', true),
          col.ref('indicatorId'),
          col.int('year'),
          col.decimal('target'),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_indicator_targets_year', ['indicatorId', 'year'], true),
            index('ix_indicator_targets_region', ['regionId', 'year']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('indicatorId', 'indicators', 'CASCADE')],
        },
      ),
    );
    await q.createTable(
      table(
        'crosscut_contributions',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('indicatorId'),
          col.int('year'),
          col.ref('skpdId'),
          col.decimal('sharePercent', true, 9, 4),
          col.decimal('subTarget', true),
          col.text('note', 500, { isNullable: true }),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_crosscut_skpd', ['indicatorId', 'year', 'skpdId'], true),
            index('ix_crosscut_skpd_year', ['skpdId', 'year']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('indicatorId', 'indicators', 'CASCADE'), fk('skpdId', 'skpd')],
        },
      ),
    );
    await q.createTable(
      table(
        'performance_agreements',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId'),
          col.ref('periodId'),
          col.int('year'),
          col.int('revision'),
          col.text('status', 20),
          col.ref('previousId', true),
          col.text('revisionReason', 1000, { isNullable: true }),
          col.text('signerName', 150, { isNullable: true }),
          col.text('signerTitle', 200, { isNullable: true }),
          col.text('counterpartName', 150, { isNullable: true }),
          col.text('counterpartTitle', 200, { isNullable: true }),
          col.datetime('submittedAt', true),
          col.datetime('approvedAt', true),
          col.ref('approvedBy', true),
          col.datetime('lockedAt', true),
          col.datetime('supersededAt', true),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_pk_revision', ['skpdId', 'year', 'revision'], true),
            index('ix_pk_region_year', ['regionId', 'year']),
          ],
          foreignKeys: [
            fk('regionId', 'regions'),
            fk('skpdId', 'skpd'),
            fk('periodId', 'planning_periods'),
            fk('previousId', 'performance_agreements'),
          ],
        },
      ),
    );
    await q.createTable(
      table(
        'pk_indicators',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('skpdId'),
          col.ref('pkId'),
          col.ref('indicatorId'),
          col.decimal('annualTarget'),
          col.decimal('q1Target', true),
          col.decimal('q2Target', true),
          col.decimal('q3Target', true),
          col.decimal('q4Target', true),
          col.int('sortOrder', { default: 0 }),
          ...col.audited(),
        ],
        {
          indices: [
            index('uq_pk_indicators', ['pkId', 'indicatorId'], true),
            index('ix_pk_indicators_indicator', ['indicatorId']),
          ],
          foreignKeys: [
            fk('regionId', 'regions'),
            fk('pkId', 'performance_agreements', 'CASCADE'),
            fk('indicatorId', 'indicators'),
          ],
        },
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'pk_indicators',
      'performance_agreements',
      'crosscut_contributions',
      'indicator_targets',
      'indicators',
      'plan_nodes',
      'planning_periods',
    ])
      await q.dropTable(t);
  }
}
