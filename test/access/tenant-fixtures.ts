import type { TestApp } from '../utils/test-app';

/**
 * For the route × role × tenant matrix (access-control.e2e-spec.ts): a tenant with one row of every kind,
 * and how a route parameter maps to one of those rows. Every feature module adds a populate step and its
 * route parameters here; a route whose parameter is not mapped fails the matrix test, so nothing is missed.
 */
export interface TenantFixture {
  regionId: string;
  /** The SKPD whose planner is the caller in the same-region test. */
  ownSkpdId: string;
  /** A second SKPD of the same region: a planner of ownSkpd must not reach its rows. */
  otherSkpdId: string;
  /** Row ids by resource key (see PARAM_RESOURCES); rows of `otherSkpdId` where the resource is SKPD-owned. */
  ids: Record<string, string>;
}

export type PopulateStep = (t: TestApp, f: TenantFixture) => Promise<void>;

/** Resource key for a route parameter, keyed by "<path segment before it>/:<param>", e.g. "skpd/:id". */
export const PARAM_RESOURCES: Record<string, string> = {
  'regions/:id': 'region',
  'skpd/:id': 'skpd',
  'users/:id': 'user',
};

/** Populate steps of each feature module, run in order. */
export const POPULATE_STEPS: PopulateStep[] = [
  async (t, f) => {
    const user = await t.make.user({ role: 'HEAD', regionId: f.regionId });
    f.ids.region = f.regionId;
    f.ids.skpd = f.otherSkpdId;
    f.ids.user = user.id;
  },
];

export async function populateTenant(t: TestApp): Promise<TenantFixture> {
  const region = await t.make.region();
  const own = await t.make.skpd(region.id);
  const other = await t.make.skpd(region.id);
  const f: TenantFixture = { regionId: region.id, ownSkpdId: own.id, otherSkpdId: other.id, ids: {} };
  for (const step of POPULATE_STEPS) await step(t, f);
  return f;
}
