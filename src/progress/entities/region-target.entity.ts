import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** The region's goal: predicate P by year Y (one current target per region). */
@Entity('progress_region_targets')
@Index('uq_progress_target_region', ['regionId'], { unique: true })
export class RegionTarget {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 3 }) predicate!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
