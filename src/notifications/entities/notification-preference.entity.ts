import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's addresses and, per category, the channels beside the inbox (JSON text: {"PK": ["EMAIL"]}). */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) phone!: string | null;
  @Column({ type: 'text' }) channels!: string;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
