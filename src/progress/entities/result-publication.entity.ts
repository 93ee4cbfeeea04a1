import type Decimal from 'decimal.js';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { decimalColumn } from '../../common/typeorm/decimal.transformer';

/**
 * A region's yearly result, published (opt-in) for benchmarking by other regions (studi tiru). It holds the aggregate
 * only — total, predicate, component and sub-component scores — copied when published; nothing else of the region
 * ever crosses to another tenant. Publishing again refreshes it; unpublishing deletes it.
 */
@Entity('progress_publications')
@Index('uq_progress_publication_region_year', ['regionId', 'year'], { unique: true })
@Index('ix_progress_publication_year', ['year'])
export class ResultPublication {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 60 }) ruleSetCode!: string;
  @Column({ type: 'int' }) ruleSetVersion!: number;
  /** PEMDA: the Pemda's own evaluation (official result where recorded); SKPD_MEAN: mean of the SKPD evaluations. */
  @Column({ type: 'varchar', length: 10 }) basis!: string;
  @Column(decimalColumn({ precision: 9, scale: 4 })) total!: Decimal;
  @Column({ type: 'varchar', length: 80 }) totalExact!: string;
  @Column({ type: 'varchar', length: 3 }) predicate!: string;
  /** JSON: { components: [{ id, name, weight, score }], subComponents: [{ id, componentId, name, weight, score }] }, scores as exact fractions. */
  @Column({ type: 'text' }) aggregate!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) publishedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
