import { AuditService } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Audit entries of large imports and rule-set snapshots exceed MySQL's 64 KB TEXT; both dialects must keep them whole. */
describe('long text columns', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('stores an audit diff larger than 64 KB unchanged', async () => {
    const region = await t.make.region();
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      indicator: `IND.${i}`,
      target: `${i}.25`,
      note: 'target triwulan',
    }));
    await t.db.transaction((m) =>
      t.app.get(AuditService).record(m, null, {
        action: 'IMPORT_EXCEL',
        entity: 'PerformanceAgreement',
        entityId: 'x'.repeat(36),
        regionId: region.id,
        before: null,
        after: { rows },
      }),
    );
    const entry = await t.db.getRepository(AuditEntry).findOneByOrFail({ regionId: region.id, action: 'IMPORT_EXCEL' });
    expect(entry.diff.length).toBeGreaterThan(128 * 1024);
    expect(JSON.stringify(JSON.parse(entry.diff))).toContain('"IND.2999"');
  });
});
