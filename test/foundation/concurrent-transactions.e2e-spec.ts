import { setTimeout as sleep } from 'node:timers/promises';
import { Region } from '../../src/organization/entities/region.entity';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Two requests' transactions and plain writes interleaving on one process. On SQLite (one connection) they used to
 * nest as savepoints of each other: a rollback undid the other request's committed work.
 */
describe('concurrent transactions on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const regionRow = (code: string): Partial<Region> => ({
    code,
    name: `Kabupaten ${code}`,
    kind: 'KABUPATEN',
    lowerIsBetterFormula: 'INVERSE_DIFF',
    capaianCap: null,
    timezone: 'Asia/Jakarta',
    isDemo: false,
  });
  const exists = async (code: string) => (await t.db.getRepository(Region).countBy({ code })) === 1;

  it("keeps a committed transaction's rows when another transaction that overlapped it rolls back", async () => {
    const committed = t.db.transaction(async (m) => {
      await m.getRepository(Region).save(regionRow('81.01'));
      await sleep(40);
    });
    const rolledBack = t.db.transaction(async (m) => {
      await sleep(10);
      await m.getRepository(Region).save(regionRow('81.02'));
      await sleep(80);
      throw new Error('refused');
    });
    const [first, second] = await Promise.allSettled([committed, rolledBack]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: new Error('refused') });
    expect(await exists('81.01')).toBe(true);
    expect(await exists('81.02')).toBe(false);
  });

  it('keeps a plain write made while another transaction was open and then rolled back', async () => {
    const rolledBack = t.db.transaction(async (m) => {
      await m.getRepository(Region).save(regionRow('81.03'));
      await sleep(60);
      throw new Error('refused');
    });
    await sleep(10);
    await t.db.getRepository(Region).save(regionRow('81.04'));
    await expect(rolledBack).rejects.toThrow('refused');
    expect(await exists('81.03')).toBe(false);
    expect(await exists('81.04')).toBe(true);
  });

  it('lets a transaction nest inside its own transaction as before', async () => {
    await expect(
      t.db.transaction(async (outer) => {
        await outer.getRepository(Region).save(regionRow('81.05'));
        await outer.transaction(async (inner) => inner.getRepository(Region).save(regionRow('81.06')));
      }),
    ).resolves.toBeUndefined();
    expect([await exists('81.05'), await exists('81.06')]).toEqual([true, true]);
  });
});
