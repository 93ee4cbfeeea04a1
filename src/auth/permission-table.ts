import { PERMISSIONS, ROLES, type Permission } from './roles';

/** The permission matrix as the markdown table README shows (a unit test keeps README equal to PERMISSIONS). */
export function permissionTable(): string {
  const header = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) =>
      `| \`${p}\` | ${ROLES.map((r) => ((PERMISSIONS[p] as readonly string[]).includes(r) ? '✔' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
