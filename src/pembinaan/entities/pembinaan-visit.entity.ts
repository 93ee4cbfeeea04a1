import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A pembinaan (assistance) a province gave one of its kabupaten/kota: when, on what, and what it found. Its
 * recommendations (each with a due date) are PembinaanRecommendation rows, followed up by the kabupaten/kota.
 */
@Entity('pembinaan_visits')
@Index('ix_pembinaan_visits_region', ['regionId'])
@Index('ix_pembinaan_visits_province', ['provinceId'])
export class PembinaanVisit {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The province region that gave the assistance. */
  @Column({ type: 'varchar', length: 36 }) provinceId!: string;
  /** The kabupaten/kota assisted (a child of provinceId when recorded). */
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  /** Calendar date of the assistance, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 }) visitDate!: string;
  @Column({ type: 'varchar', length: 200 }) topic!: string;
  @Column({ type: 'text' }) findings!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
