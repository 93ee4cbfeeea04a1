export const ROLES = [
  'SUPERADMIN',
  'REGION_ADMIN',
  'PLANNER',
  'EVALUATOR',
  'HEAD',
  'PROVINCE_EVALUATOR',
  'PROVINCE_HEAD',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles of a province region overseeing its kabupaten/kota (read-only there; see src/provinces). */
export const PROVINCE_ROLES = ['PROVINCE_EVALUATOR', 'PROVINCE_HEAD'] as const satisfies readonly Role[];

/**
 * The permission matrix: which roles may use a route marked `@RequirePermission(p)`.
 * A route with neither `@Public()` nor `@RequirePermission()` is refused to everyone (deny by default).
 * Tenant scope (own region, own SKPD for planners) is applied on top of this by the services.
 * README's permission table is generated from this object and a test compares both.
 */
export const PERMISSIONS = {
  'session.self': ['SUPERADMIN', 'REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD', 'PROVINCE_EVALUATOR', 'PROVINCE_HEAD'],
  'region.read': ['SUPERADMIN', 'REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD', 'PROVINCE_EVALUATOR', 'PROVINCE_HEAD'],
  'region.create': ['SUPERADMIN'],
  'region.update': ['SUPERADMIN', 'REGION_ADMIN'],
  /** Attach a kabupaten/kota to its province (or detach it). */
  'region.hierarchy': ['SUPERADMIN'],
  'skpd.read': ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD'],
  'skpd.manage': ['REGION_ADMIN'],
  'user.read': ['SUPERADMIN', 'REGION_ADMIN'],
  'user.manage': ['SUPERADMIN', 'REGION_ADMIN'],
  'audit.read': ['REGION_ADMIN'],
  'planning.read': ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD'],
  'planning.write': ['REGION_ADMIN', 'PLANNER'],
  'planning.approve': ['REGION_ADMIN'],
  'period.manage': ['REGION_ADMIN'],
  'realisation.read': ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD'],
  'realisation.write': ['PLANNER'],
  'realisation.reopen': ['REGION_ADMIN'],
  'evidence.read': ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD'],
  'evidence.upload': ['PLANNER', 'EVALUATOR'],
  'evaluation.read': ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD'],
  'evaluation.open': ['REGION_ADMIN', 'EVALUATOR'],
  'evaluation.self': ['PLANNER'],
  'evaluation.score': ['EVALUATOR'],
  'evaluation.reopen': ['REGION_ADMIN'],
  'evaluation.recommend': ['EVALUATOR'],
  'evaluation.follow-up': ['PLANNER', 'EVALUATOR'],
  'evaluation.answer-sheet': ['PLANNER', 'EVALUATOR'],
  'report.region': ['REGION_ADMIN', 'EVALUATOR', 'HEAD'],
  'report.skpd': ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD'],
  'report.national': ['SUPERADMIN'],
  'progress.read': ['REGION_ADMIN', 'EVALUATOR', 'HEAD'],
  'progress.manage': ['REGION_ADMIN'],
  'budget.read': ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD'],
  'budget.write': ['REGION_ADMIN', 'PLANNER'],
  'budget.manage': ['REGION_ADMIN'],
  'notification.self': [
    'SUPERADMIN',
    'REGION_ADMIN',
    'PLANNER',
    'EVALUATOR',
    'HEAD',
    'PROVINCE_EVALUATOR',
    'PROVINCE_HEAD',
  ],
  'notification.admin': ['REGION_ADMIN'],
  /** Sign a document as a party: which party each role may sign as is checked by the service (documents). */
  'document.sign': ['REGION_ADMIN', 'PLANNER', 'EVALUATOR', 'HEAD'],
  /** A province reads its kabupaten/kota's FINAL results, history, roadmap, published documents and the recap. */
  'province.read': ['PROVINCE_EVALUATOR', 'PROVINCE_HEAD'],
  /** A province records pembinaan (assistance, findings, recommendations) of its kabupaten/kota. */
  'province.assist': ['PROVINCE_EVALUATOR'],
  /** A kabupaten/kota reads the pembinaan its province recorded for it. */
  'pembinaan.read': ['REGION_ADMIN', 'EVALUATOR', 'HEAD'],
  /** A kabupaten/kota records the follow-up of its pembinaan recommendations. */
  'pembinaan.follow-up': ['REGION_ADMIN'],
  /** Choose, item by item, what the region's public page shows. */
  'publication.manage': ['REGION_ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const roleHas = (role: Role, permission: Permission): boolean =>
  (PERMISSIONS[permission] as readonly Role[]).includes(role);
