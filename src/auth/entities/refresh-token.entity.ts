import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A refresh token, stored as its SHA-256 only. Rotation chains tokens of one login into a family. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Index() @Column({ type: 'varchar', length: 36 }) familyId!: string;
  @Column({ type: 'varchar', length: 64, unique: true }) tokenHash!: string;
  @Column({ type: 'datetime' }) expiresAt!: Date;
  @Column({ type: 'datetime', nullable: true }) usedAt!: Date | null;
  @Column({ type: 'datetime', nullable: true }) revokedAt!: Date | null;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
