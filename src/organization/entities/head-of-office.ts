import { Column } from 'typeorm';

export const ACTING_KINDS = ['PLT', 'PLH'] as const;
/** An acting official: Pelaksana Tugas (Plt.) or Pelaksana Harian (Plh.). */
export type ActingKind = (typeof ACTING_KINDS)[number];

/**
 * Who signs for a region (the regional head) or an SKPD (its head): the name, NIP, title and rank printed in the
 * signature blocks of the documents a region signs. All optional until a region fills them in.
 */
export abstract class HeadOfOffice {
  /** e.g. "Bupati Maju Bersama", "Kepala Dinas Kesehatan". */
  @Column({ type: 'varchar', length: 200, nullable: true }) headTitle!: string | null;
  @Column({ type: 'varchar', length: 150, nullable: true }) headName!: string | null;
  /** 18-digit civil-servant number; elected heads have none. */
  @Column({ type: 'varchar', length: 18, nullable: true }) headNip!: string | null;
  /** Pangkat / golongan, e.g. "Pembina Utama Muda (IV/c)". */
  @Column({ type: 'varchar', length: 100, nullable: true }) headRank!: string | null;
  /** Set while the post is held by an acting official: the title is then printed after "Plt." or "Plh.". */
  @Column({ type: 'varchar', length: 3, nullable: true }) headActing!: ActingKind | null;
}
