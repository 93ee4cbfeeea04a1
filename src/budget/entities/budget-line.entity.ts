import type Decimal from 'decimal.js';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { decimalColumn } from '../../common/typeorm/decimal.transformer';

const rupiah = (nullable = false) => decimalColumn({ nullable, precision: 18, scale: 0 });

/**
 * The budget of one sub-kegiatan for an SKPD and year: the DPA pagu and the DPA-P pagu side by side (null before the
 * APBD-P), and the amount spent in each quarter (null = not reported). Whole Rupiah, exact.
 */
@Entity('budget_lines')
@Index('uq_budget_lines', ['skpdId', 'year', 'code'], { unique: true })
@Index('ix_budget_lines_region_year', ['regionId', 'year'])
export class BudgetLine {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) skpdId!: string;
  @Column({ type: 'int' }) year!: number;
  /** Sub-kegiatan code of the region's nomenclature. */
  @Column({ type: 'varchar', length: 30 }) code!: string;
  @Column(rupiah()) paguOriginal!: Decimal;
  @Column(rupiah(true)) paguRevised!: Decimal | null;
  @Column(rupiah(true)) q1Realisation!: Decimal | null;
  @Column(rupiah(true)) q2Realisation!: Decimal | null;
  @Column(rupiah(true)) q3Realisation!: Decimal | null;
  @Column(rupiah(true)) q4Realisation!: Decimal | null;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
