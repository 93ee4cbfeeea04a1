import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** The entry deadline of one quarter in a region; no row = the quarter is open. */
@Entity('reporting_windows')
@Index('uq_reporting_windows', ['regionId', 'year', 'quarter'], { unique: true })
export class ReportingWindow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) quarter!: number;
  @Column({ type: 'datetime' }) deadline!: Date;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
