import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One stored content, shared by every upload of the same bytes (in any region): the blob lives under
 * STORAGE_DIR/evidence/ab/cd/<sha256>. Holds no tenant data; access always goes through an EvidenceItem.
 */
@Entity('evidence_files')
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 64, unique: true }) sha256!: string;
  @Column({ type: 'int' }) size!: number;
  /** Sniffed from the content, never taken from the client. */
  @Column({ type: 'varchar', length: 100 }) mime!: string;
  @Column({ type: 'varchar', length: 10 }) ext!: string;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
