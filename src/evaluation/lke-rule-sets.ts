import type { Provider } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { NotFoundError } from '../common/errors/domain-error';
import { RuleSetValidationError } from './domain/lke.errors';
import { RuleSet, ruleSetKey, validateRuleSet } from './domain/rule-set';

/** Read-only access to the LKE rule sets loaded at startup. */
export interface RuleSetRegistry {
  /** The rule set with this code and version; throws NotFoundError (NOT_FOUND) if there is none. */
  get(code: string, version: number): RuleSet;
  /** Like `get`, but undefined instead of an error. */
  find(code: string, version: number): RuleSet | undefined;
  /** The highest version of a code; throws NotFoundError if the code is unknown. */
  latest(code: string): RuleSet;
  /** Every rule set, ordered by code, then version. */
  list(): RuleSet[];
}

const TEMPLATES = join('templates', 'lke');

/**
 * Finds <repo>/templates/lke by walking up from `start` (this file's folder by default), so the same code works
 * from src/evaluation (ts-jest, ts-node) and from dist/evaluation (compiled).
 */
export function findRuleSetDir(start: string = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, TEMPLATES);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No ${TEMPLATES} folder found in ${resolve(start)} or any parent folder`);
    dir = parent;
  }
}

export function createRuleSetRegistry(ruleSets: readonly RuleSet[]): RuleSetRegistry {
  const sorted = [...ruleSets].sort((a, b) => a.code.localeCompare(b.code) || a.version - b.version);
  const byKey = new Map(sorted.map((r) => [ruleSetKey(r.code, r.version), r]));
  if (byKey.size !== sorted.length) throw new Error('Duplicate LKE rule set code/version');
  const find = (code: string, version: number) => byKey.get(ruleSetKey(code, version));
  return {
    find,
    get(code, version) {
      const found = find(code, version);
      if (!found) throw new NotFoundError(`LKE rule set ${ruleSetKey(code, version)}`);
      return found;
    },
    latest(code) {
      const versions = sorted.filter((r) => r.code === code);
      if (versions.length === 0) throw new NotFoundError(`LKE rule set ${code}`);
      return versions[versions.length - 1];
    },
    list: () => [...sorted],
  };
}

/**
 * Loads and validates every `*.json` in `dir` (default: <repo>/templates/lke). Each file must be named
 * `<code>.v<version>.json` after its content. Throws one Error listing every invalid file and every problem in it.
 */
export function loadRuleSets(dir: string = findRuleSetDir()): RuleSetRegistry {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const problems: string[] = [];
  const ruleSets: RuleSet[] = [];
  for (const file of files) {
    const name = basename(file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      problems.push(`${name}: not valid JSON: ${(e as Error).message}`);
      continue;
    }
    try {
      const ruleSet = validateRuleSet(json, name);
      const expected = `${ruleSetKey(ruleSet.code, ruleSet.version)}.json`;
      if (name !== expected) {
        problems.push(`${name}: file name must be ${expected} (code "${ruleSet.code}", version ${ruleSet.version})`);
        continue;
      }
      ruleSets.push(ruleSet);
    } catch (e) {
      if (e instanceof RuleSetValidationError) problems.push(...e.problems.map((p) => `${name}: ${p}`));
      else throw e;
    }
  }
  if (files.length === 0) problems.push(`no *.json rule set found in ${dir}`);
  if (problems.length > 0) {
    throw new Error(`Invalid LKE rule sets in ${dir}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return createRuleSetRegistry(ruleSets);
}

/** Injection token for the RuleSetRegistry: `@Inject(LKE_RULE_SETS) private readonly ruleSets: RuleSetRegistry`. */
export const LKE_RULE_SETS = Symbol('LKE_RULE_SETS');

/**
 * Loads templates/lke once when the module is instantiated, so an invalid template stops startup with the list
 * of files and paths at fault. Add to the evaluation module's providers (and exports, if other modules need it).
 */
export const lkeRuleSetsProvider: Provider = {
  provide: LKE_RULE_SETS,
  useFactory: (): RuleSetRegistry => loadRuleSets(),
};
