import type { EntityManager } from 'typeorm';
import { ConflictError } from '../common/errors/domain-error';
import { Indicator } from './entities/indicator.entity';
import { PlanNode } from './entities/plan-node.entity';

/**
 * Deactivation rules of the plan tree. Nothing cascades: a node is deactivated only once its child nodes,
 * indicators and supporting SKPD sasaran are inactive, and a row comes back only under an active parent. Inactive
 * rows keep their history (PKs, realisations, reports) but take no new children, PK rows or realisations.
 */
export function assertNodeActive(node: Pick<PlanNode, 'active' | 'code'>): void {
  if (!node.active) throw new ConflictError('NODE_INACTIVE', `Node ${node.code} is inactive; reactivate it first`);
}

export function assertIndicatorActive(indicator: Pick<Indicator, 'active' | 'code'>): void {
  if (!indicator.active)
    throw new ConflictError('INDICATOR_INACTIVE', `Indicator ${indicator.code} is inactive; reactivate it first`);
}

/** Checks a change of a node's `active` flag (no-op when unchanged). */
export async function assertNodeActivityChange(m: EntityManager, node: PlanNode, active: boolean): Promise<void> {
  if (Boolean(node.active) === active) return;
  if (active) {
    if (node.parentId) {
      const parent = await m.getRepository(PlanNode).findOneBy({ id: node.parentId });
      if (parent && !parent.active)
        throw new ConflictError('PARENT_INACTIVE', `The parent ${parent.code} is inactive; reactivate it first`);
    }
    return;
  }
  const nodes = m.getRepository(PlanNode);
  const activeDependants =
    (await nodes.countBy({ parentId: node.id, active: true })) +
    (await nodes.countBy({ supportsNodeId: node.id, active: true })) +
    (await m.getRepository(Indicator).countBy({ nodeId: node.id, active: true }));
  if (activeDependants > 0)
    throw new ConflictError(
      'NODE_HAS_ACTIVE_CHILDREN',
      'The node still has active child nodes, indicators or supporting sasaran; deactivate those first',
    );
}

/** Checks a change of an indicator's `active` flag: reactivation needs an active node. */
export async function assertIndicatorActivityChange(
  m: EntityManager,
  indicator: Indicator,
  active: boolean,
): Promise<void> {
  if (Boolean(indicator.active) === active || !active) return;
  const node = await m.getRepository(PlanNode).findOneBy({ id: indicator.nodeId });
  if (node && !node.active)
    throw new ConflictError('PARENT_INACTIVE', `The node ${node.code} is inactive; reactivate it first`);
}
