import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Deactivating plan nodes and indicators (issue #17): an inactive row keeps its history (PKs, realisations,
 * reports) but is left out of new PKs, new realisations and the cascade analyses.
 */
export class PlanActive1765900000010 implements MigrationInterface {
  name = 'PlanActive1765900000010';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('plan_nodes', new TableColumn(col.bool('active', true)));
    await q.addColumn('indicators', new TableColumn(col.bool('active', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('indicators', 'active');
    await q.dropColumn('plan_nodes', 'active');
  }
}
