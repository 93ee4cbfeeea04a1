import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Role } from '../roles';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 60, unique: true }) username!: string;
  @Column({ type: 'varchar', length: 150 }) displayName!: string;
  /** argon2id hash; never selected into responses or logs. */
  @Column({ type: 'varchar', length: 255, select: false }) passwordHash!: string;
  @Column({ type: 'varchar', length: 20 }) role!: Role;
  /** Null only for SUPERADMIN. */
  @Index() @Column({ type: 'varchar', length: 36, nullable: true }) regionId!: string | null;
  /** Set for PLANNER: the one SKPD they plan and report for. */
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  /** EVALUATOR flagged as QA (pengendali mutu). */
  @Column({ type: 'boolean', default: false }) isQa!: boolean;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Bumped on password change, reset and deactivation: every access token issued before is rejected. */
  @Column({ type: 'int', default: 0 }) tokenVersion!: number;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
