import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A closed quarter reopened for one SKPD until a moment, with the admin's reason. */
@Entity('window_reopenings')
@Index('ix_window_reopenings_lookup', ['regionId', 'skpdId', 'year', 'quarter'])
export class WindowReopening {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) skpdId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) quarter!: number;
  @Column({ type: 'varchar', length: 1000 }) reason!: string;
  @Column({ type: 'datetime' }) until!: Date;
  @Column({ type: 'varchar', length: 36 }) createdBy!: string;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
