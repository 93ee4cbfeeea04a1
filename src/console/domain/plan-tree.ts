/**
 * The performance tree (pohon kinerja) of one SKPD as the console shows it: nodes nested by parent, each with its
 * indicators, each sasaran with the Pemda sasaran it supports. Pure; no framework imports.
 */

export type Kind = 'TUJUAN' | 'SASARAN' | 'PROGRAM' | 'KEGIATAN';

export const KIND_LABELS: Record<Kind, string> = {
  TUJUAN: 'Tujuan',
  SASARAN: 'Sasaran',
  PROGRAM: 'Program',
  KEGIATAN: 'Kegiatan',
};
/** The kind of a node's children (none under a kegiatan). */
export const CHILD_KIND: Record<Kind, Kind | null> = {
  TUJUAN: 'SASARAN',
  SASARAN: 'PROGRAM',
  PROGRAM: 'KEGIATAN',
  KEGIATAN: null,
};
export const PARENT_KIND_OF: Record<Kind, Kind | null> = {
  TUJUAN: null,
  SASARAN: 'TUJUAN',
  PROGRAM: 'SASARAN',
  KEGIATAN: 'PROGRAM',
};

interface NodeIn {
  id: string;
  kind: Kind;
  parentId: string | null;
  supportsNodeId: string | null;
  code: string;
  name: string;
  active: boolean;
}
interface IndicatorIn {
  id: string;
  nodeId: string;
  code: string;
  name: string;
  satuan: string;
  endTarget: string | null;
  active: boolean;
}

export interface TreeNode<N extends NodeIn, I extends IndicatorIn> {
  node: N;
  kindLabel: string;
  childLabel: string | null;
  /** Sasaran only: the Pemda sasaran it supports, or null when it supports none (an orphan). */
  supports: { code: string; name: string } | null;
  /** An SKPD sasaran (it names the Pemda sasaran it supports). */
  isSasaran: boolean;
  /** Deactivate is offered only once nothing under the node is active (the service's rule). */
  mayDeactivate: boolean;
  /** Reactivate is offered only under an active parent. */
  mayReactivate: boolean;
  indicators: I[];
  children: TreeNode<N, I>[];
}

/** Nests the nodes (in the order given) under their parents; a node whose parent is missing becomes a root. */
export function buildTree<N extends NodeIn, I extends IndicatorIn>(
  nodes: readonly N[],
  indicators: readonly I[],
  pemdaSasaran: readonly { id: string; code: string; name: string }[],
  options: { pemda?: boolean } = {},
): TreeNode<N, I>[] {
  const pemda = new Map(pemdaSasaran.map((p) => [p.id, { code: p.code, name: p.name }]));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // The Pemda's own tree (RPJMD) stops at sasaran: programs and kegiatan belong to an SKPD.
  const childOf = (kind: Kind): Kind | null => (options.pemda && kind === 'SASARAN' ? null : CHILD_KIND[kind]);
  const wrap = (n: N): TreeNode<N, I> => {
    const children = nodes.filter((c) => c.parentId === n.id).map(wrap);
    const own = indicators.filter((i) => i.nodeId === n.id);
    const childKind = childOf(n.kind);
    return {
      node: n,
      kindLabel: KIND_LABELS[n.kind],
      childLabel: childKind ? KIND_LABELS[childKind] : null,
      supports: n.supportsNodeId ? (pemda.get(n.supportsNodeId) ?? null) : null,
      isSasaran: n.kind === 'SASARAN' && !options.pemda,
      mayDeactivate: n.active && !children.some((c) => c.node.active) && !own.some((i) => i.active),
      mayReactivate: !n.active && (!n.parentId || byId.get(n.parentId)?.active !== false),
      indicators: own,
      children,
    };
  };
  return nodes.filter((n) => !n.parentId || !byId.has(n.parentId)).map(wrap);
}
