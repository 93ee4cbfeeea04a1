import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionTable } from './permission-table';
import { PERMISSIONS } from './roles';

describe('README permission matrix', () => {
  it('is exactly the PERMISSIONS object the guard enforces', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme);
    expect(section?.[1]).toBe(permissionTable());
  });

  it('renders one row per permission with a mark for each allowed role', () => {
    const table = permissionTable().split('\n');
    expect(table).toHaveLength(Object.keys(PERMISSIONS).length + 2);
    expect(table).toContain('| `skpd.manage` |  | ✔ |  |  |  |  |  |');
  });
});
