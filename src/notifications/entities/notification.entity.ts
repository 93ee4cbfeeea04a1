import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NotificationCategory, NotificationKind } from '../domain/reminder-rules';

/**
 * One message to one user: the outbox row and the inbox entry. The unique key (user, subject, due key, kind) makes a
 * reminder exist once however many replicas compute it; the id is derived from that key (stableId).
 */
@Entity('notifications')
@Index('uq_notifications_key', ['userId', 'subjectType', 'subjectId', 'dueKey', 'kind'], { unique: true })
@Index('ix_notifications_user', ['userId', 'createdAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 20 }) category!: NotificationCategory;
  @Column({ type: 'varchar', length: 10 }) kind!: NotificationKind;
  @Column({ type: 'varchar', length: 30 }) subjectType!: string;
  @Column({ type: 'varchar', length: 80 }) subjectId!: string;
  /** The local due date (YYYY-MM-DD) of a reminder; for an immediate notice, the event's own key. */
  @Column({ type: 'varchar', length: 40 }) dueKey!: string;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @Column({ type: 'text' }) body!: string;
  /** Path of the thing in the API or console, e.g. /konsol/realisasi?tahun=2026. */
  @Column({ type: 'varchar', length: 300, nullable: true }) link!: string | null;
  @Column({ type: 'datetime', nullable: true }) readAt!: Date | null;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
