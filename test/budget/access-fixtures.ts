import type { TenantFixture } from '../access/tenant-fixtures';

/** Budget routes in the access matrix (test/access/tenant-fixtures.ts); imports are multipart (no file: 400 after the checks). */
export const BUDGET_BODIES: Record<string, (f: TenantFixture) => object> = {
  'PUT /api/v1/budget/settings': () => ({ efficiencyRule: 'DIFFERENCE', tolerance: '5' }),
  'PUT /api/v1/budget/node-links': (f) => ({ nodeId: f.ids.planNode, code: '1.02.02' }),
  'POST /api/v1/budget/nomenclature/preview': () => ({}),
  'POST /api/v1/budget/nomenclature/commit': () => ({ previewToken: 'matriks' }),
  'POST /api/v1/budget/dpa/preview': () => ({}),
  'POST /api/v1/budget/dpa/commit': () => ({ previewToken: 'matriks' }),
  'POST /api/v1/budget/realisation/preview': () => ({}),
  'POST /api/v1/budget/realisation/commit': () => ({ previewToken: 'matriks' }),
};
