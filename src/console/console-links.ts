/**
 * Addresses of the planner's tree pages, in one place so they are easy to change: a node (tujuan, sasaran, program,
 * kegiatan) and an indicator as anchors on the SKPD's performance-tree page (the Pemda's own tree without `skpd`).
 */
const TREE = '/konsol/pohon-kinerja';

export function nodeHref(node: { id: string; skpdId: string | null }): string {
  return `${TREE}${node.skpdId ? `?skpd=${node.skpdId}` : ''}#simpul-${node.id}`;
}

export function indicatorHref(indicator: { id: string; skpdId: string | null }): string {
  return `${TREE}${indicator.skpdId ? `?skpd=${indicator.skpdId}` : ''}#indikator-${indicator.id}`;
}
