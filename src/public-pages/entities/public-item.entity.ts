import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PUBLIC_ITEM_KINDS = ['HISTORY', 'IKU', 'DOCUMENT', 'LHE', 'LKJIP'] as const;
export type PublicItemKind = (typeof PUBLIC_ITEM_KINDS)[number];
/** Kinds published per year: the IKU, the LHE summary and the Pemda's LKjIP of a year. */
export const YEAR_ITEM_KINDS: readonly PublicItemKind[] = ['IKU', 'LHE', 'LKJIP'];

/**
 * One item a region chose to show on its public page (opt-in, item by item): its predicate history (HISTORY), its
 * IKU with target and capaian for a year (IKU), a completely signed document (DOCUMENT, e.g. a PK or a signed LHE),
 * the summary of a year's LHE (LHE: total, predicate, date) or the Pemda's LKjIP of a year (LKJIP, downloadable).
 * Withdrawing deletes the row, so the item leaves the page on the next request.
 */
@Entity('public_items')
@Index('uq_public_items_key', ['regionId', 'itemKey'], { unique: true })
export class PublicItem {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: PublicItemKind;
  /** HISTORY · IKU:<year> · LHE:<year> · LKJIP:<year> · DOCUMENT:<signed document id>. */
  @Column({ type: 'varchar', length: 60 }) itemKey!: string;
  @Column({ type: 'int', nullable: true }) year!: number | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) documentId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) publishedBy!: string | null;
  @Column({ type: 'datetime' }) publishedAt!: Date;
}

export const itemKeyOf = (kind: PublicItemKind, year: number | null, documentId: string | null): string =>
  kind === 'HISTORY' ? 'HISTORY' : kind === 'DOCUMENT' ? `DOCUMENT:${documentId}` : `${kind}:${year}`;
