import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed logins per username + client IP; kept in the database so every replica sees the same count. */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 64 }) key!: string;
  @Column({ type: 'int', default: 0 }) failures!: number;
  @Column({ type: 'datetime', nullable: true }) lockedUntil!: Date | null;
  @Column({ type: 'datetime' }) updatedAt!: Date;
}
