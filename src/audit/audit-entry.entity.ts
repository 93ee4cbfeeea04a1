import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of every write: who, when, what, before/after and the request's correlation id. */
@Entity('audit_log')
@Index('ix_audit_region_time', ['regionId', 'createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) regionId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) userId!: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) username!: string | null;
  @Column({ type: 'varchar', length: 40 }) action!: string;
  @Column({ type: 'varchar', length: 60 }) entity!: string;
  @Column({ type: 'varchar', length: 36 }) entityId!: string;
  /** JSON `{ before, after }` limited to the changed fields; secrets are never included. */
  @Column({ type: 'text' }) diff!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) correlationId!: string | null;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
