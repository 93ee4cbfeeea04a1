import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** An RPJMD period of a region (e.g. 2021–2026); its fiscal years are startYear..endYear. */
@Entity('planning_periods')
@Index('uq_planning_periods_start', ['regionId', 'startYear'], { unique: true })
export class PlanningPeriod {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 150 }) name!: string;
  @Column({ type: 'int' }) startYear!: number;
  @Column({ type: 'int' }) endYear!: number;
  /** Perda / Perkada number and date. */
  @Column({ type: 'varchar', length: 300, nullable: true }) legalBasis!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
