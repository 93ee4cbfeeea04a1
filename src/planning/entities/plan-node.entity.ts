import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const PLAN_NODE_KINDS = ['TUJUAN', 'SASARAN', 'PROGRAM', 'KEGIATAN'] as const;
export type PlanNodeKind = (typeof PLAN_NODE_KINDS)[number];

/** `ownerKey` of Pemda-level rows (skpdId null). */
export const PEMDA_OWNER = 'PEMDA';
export const ownerKeyOf = (skpdId: string | null): string => skpdId ?? PEMDA_OWNER;

/**
 * A node of the plan tree of one period: Pemda level (RPJMD, skpdId null) or SKPD level (Renstra).
 * TUJUAN → SASARAN → PROGRAM → KEGIATAN via parentId (same owner); an SKPD SASARAN names the Pemda SASARAN it
 * supports (pohon kinerja) in supportsNodeId.
 */
@Entity('plan_nodes')
@Index('uq_plan_nodes_code', ['periodId', 'ownerKey', 'code'], { unique: true })
@Index('ix_plan_nodes_region_period', ['regionId', 'periodId'])
@Index('ix_plan_nodes_parent', ['parentId'])
@Index('ix_plan_nodes_supports', ['supportsNodeId'])
export class PlanNode {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) periodId!: string;
  /** Null for Pemda-level (RPJMD) nodes. */
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  @Column({ type: 'varchar', length: 36 }) ownerKey!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: PlanNodeKind;
  @Column({ type: 'varchar', length: 36, nullable: true }) parentId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) supportsNodeId!: string | null;
  @Column({ type: 'varchar', length: 60 }) code!: string;
  @Column({ type: 'varchar', length: 500 }) name!: string;
  /** False once deactivated: kept for history, no new children or indicators. */
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
