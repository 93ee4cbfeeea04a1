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

export const SKPD_KINDS = [
  'DINAS',
  'BADAN',
  'SEKRETARIAT',
  'INSPEKTORAT',
  'KECAMATAN',
  'RSUD',
  'SATPOL',
  'KANTOR',
  'LAINNYA',
] as const;
export type SkpdKind = (typeof SKPD_KINDS)[number];

/** A Perangkat Daerah (SKPD / OPD) of a region: the unit that plans, reports and is evaluated. */
@Entity('skpd')
@Index('uq_skpd_region_code', ['regionId', 'code'], { unique: true })
export class Skpd extends HeadOfOffice {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 30 }) code!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 60 }) shortName!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: SkpdKind;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
