import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A rule set as it was frozen into evaluations, stored once: keyed by code, version and the sha256 of its canonical
 * JSON (see canonicalJson), so every evaluation opened with the same rule set references the same row. Immutable.
 */
@Entity('lke_rule_set_snapshots')
@Index('uq_lke_rule_set_snapshots_key', ['code', 'version', 'sha256'], { unique: true })
export class RuleSetSnapshot {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 60 }) code!: string;
  @Column({ type: 'int' }) version!: number;
  /** sha256 (hex) of the canonical JSON of the rule set. */
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  /** The rule set as JSON (as first stored; its canonical form hashes to `sha256`). */
  @Column({ type: 'text' }) body!: string;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
