import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { HeadOfOffice } from './head-of-office';

export const REGION_KINDS = ['PROVINSI', 'KABUPATEN', 'KOTA'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];
export const LOWER_IS_BETTER_FORMULAS = ['INVERSE_DIFF', 'INVERSE_RATIO'] as const;
export type LowerIsBetterFormula = (typeof LOWER_IS_BETTER_FORMULAS)[number];

/** A Pemda: one tenant. Every tenant-owned row carries its regionId. */
@Entity('regions')
@Index('ix_regions_province', ['provinceId'])
export class Region extends HeadOfOffice {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Kemendagri region code, e.g. "62.07" for Kabupaten Seruyan. */
  @Column({ type: 'varchar', length: 20, unique: true }) code!: string;
  @Column({ type: 'varchar', length: 150 }) name!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: RegionKind;
  /** Capaian formula for lower-is-better indicators: (2T−R)/T (default) or T/R. */
  @Column({ type: 'varchar', length: 20, default: 'INVERSE_DIFF' }) lowerIsBetterFormula!: LowerIsBetterFormula;
  /** Optional cap applied to capaian in aggregates and rankings (e.g. 120); null = uncapped. */
  @Column({ type: 'int', nullable: true }) capaianCap!: number | null;
  /** IANA zone used to evaluate entry windows (WIB / WITA / WIT). */
  @Column({ type: 'varchar', length: 40, default: 'Asia/Jakarta' }) timezone!: string;
  /** Days before a deadline that remind, largest first ("14,7,1"); null = H-7, H-3, H-1. */
  @Column({ type: 'varchar', length: 40, nullable: true }) reminderDays!: string | null;
  /** Where the region's documents are signed (ibu kota), e.g. "Kuala Pembuang". */
  @Column({ type: 'varchar', length: 100, nullable: true }) seatCity!: string | null;
  /** For a kabupaten/kota: its province (a region of kind PROVINSI), set by the superadmin; null otherwise. */
  @Column({ type: 'varchar', length: 36, nullable: true }) provinceId!: string | null;
  /** Synthetic demo data is labelled as such in the API. */
  @Column({ type: 'boolean', default: false }) isDemo!: boolean;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
