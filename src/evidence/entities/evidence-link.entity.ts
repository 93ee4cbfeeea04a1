import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a piece of evidence supports. Other modules name the target by a type and id (no FK: targets live in other tables). */
export const EVIDENCE_TARGET_TYPES = ['REALISATION', 'EVALUATION_ANSWER', 'FOLLOW_UP'] as const;
export type EvidenceTargetType = (typeof EVIDENCE_TARGET_TYPES)[number];

@Entity('evidence_links')
@Index('uq_evidence_links_item_target', ['evidenceItemId', 'targetType', 'targetId'], { unique: true })
@Index('ix_evidence_links_target', ['targetType', 'targetId'])
@Index('ix_evidence_links_region', ['regionId'])
export class EvidenceLink {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) evidenceItemId!: string;
  @Column({ type: 'varchar', length: 40 }) targetType!: EvidenceTargetType;
  @Column({ type: 'varchar', length: 36 }) targetId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
