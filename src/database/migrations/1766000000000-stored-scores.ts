import { randomUUID } from 'node:crypto';
import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import type { RuleSet } from '../../evaluation/domain/rule-set';
import type { EvaluationAnswer } from '../../evaluation/entities/evaluation-answer.entity';
import type { Evaluation } from '../../evaluation/entities/evaluation.entity';
import { snapshotSha256 } from '../../evaluation/rule-set-snapshot-store';
import { expectedRecords, insertRecords } from '../../evaluation/stage-scores';
import { col, fk, index, table } from '../migration-helpers';

/** Evaluations handled per round trip (their snapshots were up to ~35 KB each before this migration). */
const BATCH = 200;

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Scores stored once, read everywhere:
 *  - rule-set snapshots move out of `evaluations` into `lke_rule_set_snapshots`, one row per distinct rule set
 *    (code, version, sha256 of its canonical JSON); evaluations reference it by `ruleSetSnapshotId`;
 *  - `evaluation_stage_scores` holds each stage's total, component and sub-component scores (exact fractions),
 *    filled here by the engine from the existing answers.
 * `down` puts each evaluation's snapshot text back (the first stored text of each distinct snapshot; same JSON value)
 * and drops both tables.
 */
export class StoredScores1766000000000 implements MigrationInterface {
  name = 'StoredScores1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.createTable(
      table(
        'lke_rule_set_snapshots',
        [
          col.id(),
          col.text('code', 60),
          col.int('version'),
          col.text('sha256', 64),
          col.longText('body', false),
          col.createdAt(),
        ],
        { indices: [index('uq_lke_rule_set_snapshots_key', ['code', 'version', 'sha256'], true)] },
      ),
    );
    if (mysql) await q.query('ALTER TABLE `lke_rule_set_snapshots` MODIFY `body` LONGTEXT NOT NULL');
    await q.createTable(
      table(
        'evaluation_stage_scores',
        [
          col.id(),
          col.ref('regionId'),
          col.ref('evaluationId'),
          col.text('stage', 10),
          col.text('level', 14),
          col.text('partId', 40),
          col.text('componentId', 40, { isNullable: true }),
          col.text('status', 10),
          col.int('answersGiven'),
          col.int('answersExpected'),
          col.text('valueExact', 80, { isNullable: true }),
          col.text('scoreExact', 80, { isNullable: true }),
          col.decimal('score', true, 9, 4),
          col.text('predicate', 3, { isNullable: true }),
        ],
        {
          indices: [
            index('uq_evaluation_stage_scores_part', ['evaluationId', 'stage', 'level', 'partId'], true),
            index('ix_evaluation_stage_scores_region', ['regionId']),
          ],
          foreignKeys: [fk('regionId', 'regions'), fk('evaluationId', 'evaluations', 'CASCADE')],
        },
      ),
    );
    await q.addColumn('evaluations', new TableColumn({ ...col.ref('ruleSetSnapshotId', true) }));

    const snapshotIds = new Map<string, { id: string; ruleSet: RuleSet }>();
    let after = '';
    for (;;) {
      const evs = (await q.query(
        'SELECT id, regionId, status, ruleSetCode, ruleSetVersion, ruleSetSnapshot FROM evaluations WHERE id > ? ORDER BY id LIMIT ?',
        [after, BATCH],
      )) as (Pick<Evaluation, 'id' | 'regionId' | 'status' | 'ruleSetCode' | 'ruleSetVersion'> & {
        ruleSetSnapshot: string;
      })[];
      if (evs.length === 0) break;
      after = evs[evs.length - 1].id;
      const bySnapshot = new Map<string, string[]>();
      const ruleSetOf = new Map<string, RuleSet>();
      for (const ev of evs) {
        const ruleSet = JSON.parse(ev.ruleSetSnapshot) as RuleSet;
        const key = `${ev.ruleSetCode}|${ev.ruleSetVersion}|${snapshotSha256(ruleSet)}`;
        let snapshot = snapshotIds.get(key);
        if (!snapshot) {
          snapshot = { id: randomUUID(), ruleSet };
          snapshotIds.set(key, snapshot);
          await q.query('INSERT INTO lke_rule_set_snapshots (id, code, version, sha256, body) VALUES (?, ?, ?, ?, ?)', [
            snapshot.id,
            ev.ruleSetCode,
            ev.ruleSetVersion,
            key.split('|')[2],
            ev.ruleSetSnapshot,
          ]);
        }
        bySnapshot.set(snapshot.id, [...(bySnapshot.get(snapshot.id) ?? []), ev.id]);
        ruleSetOf.set(ev.id, snapshot.ruleSet);
      }
      for (const [id, ids] of bySnapshot)
        await q.query(`UPDATE evaluations SET ruleSetSnapshotId = ? WHERE id IN (${inList(ids.length)})`, [id, ...ids]);

      const answers = (await q.query(
        `SELECT evaluationId, criterionId, selfAnswer, evaluatorAnswer, qaAnswer, finalAnswer FROM evaluation_answers WHERE evaluationId IN (${inList(evs.length)})`,
        evs.map((e) => e.id),
      )) as (Pick<EvaluationAnswer, 'criterionId' | 'selfAnswer' | 'evaluatorAnswer' | 'qaAnswer' | 'finalAnswer'> & {
        evaluationId: string;
      })[];
      const answersOf = new Map<string, typeof answers>();
      for (const a of answers) answersOf.set(a.evaluationId, [...(answersOf.get(a.evaluationId) ?? []), a]);
      const records = evs.flatMap((ev) =>
        expectedRecords(ev, ruleSetOf.get(ev.id)!, answersOf.get(ev.id) ?? []).map((r) => ({ id: randomUUID(), ...r })),
      );
      await insertRecords(q.manager, records);
    }

    await q.dropColumn('evaluations', 'ruleSetSnapshot');
    await q.changeColumn(
      'evaluations',
      'ruleSetSnapshotId',
      new TableColumn({ ...col.ref('ruleSetSnapshotId', false) }),
    );
    await q.createIndex('evaluations', index('ix_evaluations_rule_set_snapshot', ['ruleSetSnapshotId']));
    await q.createForeignKey('evaluations', fk('ruleSetSnapshotId', 'lke_rule_set_snapshots'));
  }

  async down(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    // On SQLite, changing `evaluations` rebuilds it (DROP TABLE + rename): with foreign keys on, the drop would
    // cascade-delete every answer. TypeORM turns them off before a revert only outside a transaction.
    if (!mysql && Number(((await q.query('PRAGMA foreign_keys')) as { foreign_keys: number }[])[0].foreign_keys))
      throw new Error(
        'On SQLite this migration reverts only with foreign keys off: npm run migration:revert -- --transaction none',
      );
    await q.addColumn('evaluations', new TableColumn(col.longText('ruleSetSnapshot', true)));
    const snapshots = (await q.query('SELECT id, body FROM lke_rule_set_snapshots')) as { id: string; body: string }[];
    for (const s of snapshots)
      await q.query('UPDATE evaluations SET ruleSetSnapshot = ? WHERE ruleSetSnapshotId = ?', [s.body, s.id]);
    const evaluations = (await q.getTable('evaluations'))!;
    const snapshotFk = evaluations.foreignKeys.find((f) => f.columnNames.includes('ruleSetSnapshotId'));
    if (snapshotFk) await q.dropForeignKey(evaluations, snapshotFk);
    await q.dropIndex('evaluations', 'ix_evaluations_rule_set_snapshot');
    await q.dropColumn('evaluations', 'ruleSetSnapshotId');
    if (mysql) await q.query('ALTER TABLE `evaluations` MODIFY `ruleSetSnapshot` LONGTEXT NOT NULL');
    else
      await q.changeColumn('evaluations', 'ruleSetSnapshot', new TableColumn(col.longText('ruleSetSnapshot', false)));
    await q.dropTable('evaluation_stage_scores');
    await q.dropTable('lke_rule_set_snapshots');
  }
}
