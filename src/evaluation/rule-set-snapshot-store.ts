import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/filters/to-error-body';
import { canonicalJson } from './domain/canonical-json';
import type { RuleSet } from './domain/rule-set';
import type { Evaluation } from './entities/evaluation.entity';
import { RuleSetSnapshot } from './entities/rule-set-snapshot.entity';

export const snapshotSha256 = (ruleSet: unknown): string =>
  createHash('sha256').update(canonicalJson(ruleSet)).digest('hex');

/** Parsed snapshots by id. Rows are immutable and content-addressed, so the cache is safe across replicas. */
const parsed = new Map<string, RuleSet>();
const CACHE_SIZE = 64;

/** Shared by every caller, so frozen: a caller that tried to edit a snapshot would throw instead of corrupting it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function remember(id: string, ruleSet: RuleSet): RuleSet {
  if (parsed.size >= CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  parsed.set(id, deepFreeze(ruleSet));
  return ruleSet;
}

/**
 * The id of the stored snapshot of `ruleSet` (code, version, sha256 of its canonical JSON), stored now if new. Safe
 * against a concurrent insert of the same snapshot (the unique key decides; the loser reads the winner's row).
 */
export async function snapshotIdFor(m: EntityManager, ruleSet: RuleSet): Promise<string> {
  const key = { code: ruleSet.code, version: ruleSet.version, sha256: snapshotSha256(ruleSet) };
  const found = await m.findOne(RuleSetSnapshot, { where: key, select: { id: true } });
  if (found) return found.id;
  const row = m.create(RuleSetSnapshot, { ...key, body: JSON.stringify(ruleSet) });
  try {
    // A savepoint on both drivers when inside a transaction, so a lost race does not abort the caller's transaction.
    await m.transaction((t) => t.insert(RuleSetSnapshot, row));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await m.findOneOrFail(RuleSetSnapshot, { where: key, select: { id: true } })).id;
  }
  return row.id;
}

/** The rule set frozen into the evaluation when it was opened (validated then). */
export async function snapshotOf(m: EntityManager, ev: Pick<Evaluation, 'ruleSetSnapshotId'>): Promise<RuleSet> {
  const cached = parsed.get(ev.ruleSetSnapshotId);
  if (cached) return cached;
  const row = await m.findOneOrFail(RuleSetSnapshot, { where: { id: ev.ruleSetSnapshotId } });
  return remember(row.id, JSON.parse(row.body) as RuleSet);
}

/** The snapshots of several evaluations, by snapshot id (one query for those not cached). */
export async function snapshotsOf(
  m: EntityManager,
  evs: readonly Pick<Evaluation, 'ruleSetSnapshotId'>[],
): Promise<Map<string, RuleSet>> {
  const out = new Map<string, RuleSet>();
  for (const id of new Set(evs.map((e) => e.ruleSetSnapshotId)))
    out.set(id, await snapshotOf(m, { ruleSetSnapshotId: id }));
  return out;
}
