/**
 * Documents' part of the route × role × tenant matrix (test/access/tenant-fixtures.ts). The sign route takes the
 * PK parameter already mapped by planning (a DRAFT PK of otherSkpd: 404 for a planner of ownSkpd, 409 for others).
 * The verification routes are public and take a verification code, not a tenant row; the HTML page
 * /verifikasi/:code is tested in pk-document.e2e-spec.ts.
 */
export const DOCUMENT_PARAM_RESOURCES: Record<string, { resource: string; skpdOwned: boolean }> = {
  'verify/:code': { resource: 'documentCode', skpdOwned: false },
};

export const DOCUMENT_BODIES: Record<string, () => object> = {
  'POST /api/v1/pk/:id/sign': () => ({}),
  'POST /api/v1/pk-pemda/sign': () => ({}),
  'POST /api/v1/evaluations/:id/lhe/sign': () => ({}),
  'POST /api/v1/documents/verify/:code': () => ({}),
};

export const DOCUMENT_PUBLIC_ROUTES = ['GET /api/v1/documents/verify/:code', 'POST /api/v1/documents/verify/:code'];
