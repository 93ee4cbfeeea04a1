import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NomenclatureLevel } from '../domain/nomenclature-code';

/** One code of a region's planning and budget nomenclature (urusan … sub-kegiatan), imported from a file. */
@Entity('budget_nomenclature')
@Index('uq_budget_nomenclature_code', ['regionId', 'code'], { unique: true })
export class NomenclatureEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 30 }) code!: string;
  @Column({ type: 'varchar', length: 20 }) level!: NomenclatureLevel;
  @Column({ type: 'varchar', length: 30, nullable: true }) parentCode!: string | null;
  @Column({ type: 'varchar', length: 500 }) name!: string;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime' }) updatedAt!: Date;
}
