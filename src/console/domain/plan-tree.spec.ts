import { buildTree } from './plan-tree';

describe('buildTree', () => {
  const node = (
    id: string,
    kind: 'TUJUAN' | 'SASARAN' | 'PROGRAM',
    parentId: string | null,
    supports: string | null = null,
    active = true,
  ) => ({
    id,
    kind,
    parentId,
    supportsNodeId: supports,
    code: id.toUpperCase(),
    name: `Simpul ${id}`,
    active,
  });

  it('nests nodes under their parents with indicators and the Pemda sasaran each sasaran supports', () => {
    const roots = buildTree(
      [
        node('t1', 'TUJUAN', null),
        node('s1', 'SASARAN', 't1', 'p1'),
        node('s2', 'SASARAN', 't1'),
        node('g1', 'PROGRAM', 's1'),
      ],
      [{ id: 'i1', nodeId: 's1', code: 'I1', name: 'Indikator', satuan: '%', endTarget: '100', active: true }],
      [{ id: 'p1', code: 'PS.1', name: 'Sasaran Pemda' }],
    );
    expect(roots).toHaveLength(1);
    const [s1, s2] = roots[0].children;
    expect(roots[0]).toMatchObject({ kindLabel: 'Tujuan', childLabel: 'Sasaran', isSasaran: false });
    expect(s1).toMatchObject({
      supports: { code: 'PS.1', name: 'Sasaran Pemda' },
      isSasaran: true,
      childLabel: 'Program',
    });
    expect(s1.indicators.map((i) => i.id)).toEqual(['i1']);
    expect(s1.children.map((c) => c.node.id)).toEqual(['g1']);
    expect(s2.supports).toBeNull();
  });

  it('offers deactivation only once nothing under a node is active, reactivation only under an active parent', () => {
    const [t1] = buildTree(
      [
        node('t1', 'TUJUAN', null),
        node('s1', 'SASARAN', 't1', null, false),
        node('s2', 'SASARAN', 't1'),
        node('g1', 'PROGRAM', 's1', null, false),
      ],
      [{ id: 'i2', nodeId: 's2', code: 'I2', name: 'Indikator', satuan: '%', endTarget: null, active: false }],
      [],
    );
    const [s1, s2] = t1.children;
    expect(t1).toMatchObject({ mayDeactivate: false, mayReactivate: false });
    expect(s1).toMatchObject({ mayDeactivate: false, mayReactivate: true });
    expect(s1.children[0]).toMatchObject({ mayDeactivate: false, mayReactivate: false });
    expect(s2).toMatchObject({ mayDeactivate: true, mayReactivate: false });
  });

  it('stops the Pemda tree at sasaran, which supports nothing itself', () => {
    const [t1] = buildTree([node('t1', 'TUJUAN', null), node('s1', 'SASARAN', 't1')], [], [], { pemda: true });
    expect(t1.children[0]).toMatchObject({ childLabel: null, isSasaran: false });
  });

  it('shows a node whose parent is not in the list as a root rather than losing it', () => {
    expect(buildTree([node('s9', 'SASARAN', 'elsewhere')], [], []).map((r) => r.node.id)).toEqual(['s9']);
  });
});
