import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeliveryChannel, DeliveryStatus } from '../domain/reminder-rules';

/** Sending one notification over one channel (e-mail or gateway): claimed with a lease, retried with backoff. */
@Entity('notification_deliveries')
@Index('uq_notification_deliveries', ['notificationId', 'channel'], { unique: true })
@Index('ix_notification_deliveries_due', ['status', 'nextAttemptAt'])
export class NotificationDelivery {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) notificationId!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 10 }) channel!: DeliveryChannel;
  @Column({ type: 'varchar', length: 10 }) status!: DeliveryStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'datetime' }) nextAttemptAt!: Date;
  /** Set by the replica sending it; another may take it over once it has passed. */
  @Column({ type: 'datetime', nullable: true }) leaseUntil!: Date | null;
  /** The last failure, without addresses' credentials or tokens. */
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError!: string | null;
  @Column({ type: 'datetime', nullable: true }) sentAt!: Date | null;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
