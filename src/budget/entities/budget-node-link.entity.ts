import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A plan node of level PROGRAM or KEGIATAN tied to its nomenclature code, so budget rows find their place in the
 * performance tree (program → sasaran through the node's parent). One code per node.
 */
@Entity('budget_node_links')
@Index('uq_budget_node_links_node', ['nodeId'], { unique: true })
@Index('ix_budget_node_links_region', ['regionId', 'skpdId'])
export class BudgetNodeLink {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 36 }) regionId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) skpdId!: string | null;
  @Column({ type: 'varchar', length: 36 }) nodeId!: string;
  @Column({ type: 'varchar', length: 30 }) code!: string;
  @CreateDateColumn({ type: 'datetime' }) createdAt!: Date;
}
