import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * The PK deadlines of a region's year: by when SKPD submit their PK and by when the region approves submitted ones.
 * No row, or a null column, = no deadline (and no reminder).
 */
@Entity('pk_deadlines')
@Index('uq_pk_deadlines', ['regionId', 'year'], { unique: true })
export class PkDeadline {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'datetime', nullable: true }) submitDeadline!: Date | null;
  @Column({ type: 'datetime', nullable: true }) approvalDeadline!: Date | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
