import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

const HEAD_COLUMNS = () => [
  col.text('headTitle', 200, { isNullable: true }),
  col.text('headName', 150, { isNullable: true }),
  col.text('headNip', 18, { isNullable: true }),
  col.text('headRank', 100, { isNullable: true }),
  col.text('headActing', 3, { isNullable: true }),
];

/** Who signs for a region and for each SKPD (title, name, NIP, rank, Plt./Plh.), and where the region signs. */
export class HeadsOfOffice1765500000000 implements MigrationInterface {
  name = 'HeadsOfOffice1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'regions',
      [...HEAD_COLUMNS(), col.text('seatCity', 100, { isNullable: true })].map((c) => new TableColumn(c)),
    );
    await q.addColumns(
      'skpd',
      HEAD_COLUMNS().map((c) => new TableColumn(c)),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns(
      'skpd',
      HEAD_COLUMNS().map((c) => c.name),
    );
    await q.dropColumns('regions', [...HEAD_COLUMNS().map((c) => c.name), 'seatCity']);
  }
}
