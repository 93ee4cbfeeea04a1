import { Budget1765800000030 } from '../../src/database/migrations/1765800000030-budget';
import { createTestApp, type TestApp } from '../utils/test-app';

const TABLES = ['budget_nomenclature', 'budget_lines', 'budget_node_links', 'budget_settings'];

describe('Budget migration (issue #19)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('drops its tables on down and recreates them on up', async () => {
    const runner = t.db.createQueryRunner();
    const present = async () => Promise.all(TABLES.map((name) => runner.hasTable(name)));
    try {
      expect(await present()).toEqual([true, true, true, true]);
      await new Budget1765800000030().down(runner);
      expect(await present()).toEqual([false, false, false, false]);
      await new Budget1765800000030().up(runner);
      expect(await present()).toEqual([true, true, true, true]);
      const lines = await runner.getTable('budget_lines');
      expect(lines?.findColumnByName('paguOriginal')?.type).toMatch(/decimal/);
    } finally {
      await runner.release();
    }
  });
});
