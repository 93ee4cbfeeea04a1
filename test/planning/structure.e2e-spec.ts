import request from 'supertest';
import { createTestApp, type TestApp } from '../utils/test-app';
import { indicator, node, planningWorld, skpdPlan } from './planning-fixtures';

describe('Planning structure: periods, cascade, indicators, crosscutting, orphans and overlaps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates periods with their fiscal years; only the region admin manages them', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const got = await request(t.http).get(`/api/v1/planning/periods/${w.periodId}`).set(t.auth(x.planner)).expect(200);
    expect(got.body).toEqual(
      expect.objectContaining({ startYear: 2025, endYear: 2029, years: [2025, 2026, 2027, 2028, 2029] }),
    );
    await request(t.http)
      .post('/api/v1/planning/periods')
      .set(t.auth(x.planner))
      .send({ name: 'RPJMD lain', startYear: 2030, endYear: 2034 })
      .expect(403);
    const bad = await request(t.http)
      .post('/api/v1/planning/periods')
      .set(t.auth(w.admin))
      .send({ name: 'Terbalik', startYear: 2034, endYear: 2030 })
      .expect(422);
    expect(bad.body.code).toBe('INVALID_PERIOD');
  });

  it('enforces the plan tree: Pemda level is tujuan/sasaran, parents match, support links go to a Pemda sasaran', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const y = await skpdPlan(t, w);
    const post = (user: typeof w.admin, body: Record<string, unknown>) =>
      request(t.http).post('/api/v1/planning/nodes').set(t.auth(user)).send(body);
    expect(
      (
        await post(w.admin, {
          periodId: w.periodId,
          kind: 'PROGRAM',
          parentId: w.pemdaSasaranId,
          code: 'P1',
          name: 'Program Pemda',
        }).expect(422)
      ).body.code,
    ).toBe('INVALID_NODE_KIND');
    expect(
      (
        await post(x.planner, {
          periodId: w.periodId,
          skpdId: x.skpdId,
          kind: 'SASARAN',
          code: 'SX',
          name: 'Sasaran tanpa induk',
        }).expect(422)
      ).body.code,
    ).toBe('INVALID_PARENT');
    expect(
      (
        await post(x.planner, {
          periodId: w.periodId,
          skpdId: x.skpdId,
          kind: 'PROGRAM',
          parentId: y.sasaranId,
          code: 'PX',
          name: 'Program di pohon lain',
        }).expect(422)
      ).body.code,
    ).toBe('INVALID_PARENT');
    expect(
      (
        await post(x.planner, {
          periodId: w.periodId,
          skpdId: x.skpdId,
          kind: 'SASARAN',
          parentId: x.tujuanId,
          supportsNodeId: y.sasaranId,
          code: 'SY',
          name: 'Dukung sasaran SKPD lain',
        }).expect(422)
      ).body.code,
    ).toBe('INVALID_SUPPORT');
    const program = await node(t, x.planner, {
      periodId: w.periodId,
      skpdId: x.skpdId,
      kind: 'PROGRAM',
      parentId: x.sasaranId,
      code: 'P.1',
      name: 'Program pelayanan kesehatan',
    });
    await node(t, x.planner, {
      periodId: w.periodId,
      skpdId: x.skpdId,
      kind: 'KEGIATAN',
      parentId: program.id,
      code: 'K.1',
      name: 'Kegiatan imunisasi',
    });
    expect(
      (
        await post(x.planner, {
          periodId: w.periodId,
          skpdId: x.skpdId,
          kind: 'PROGRAM',
          parentId: x.sasaranId,
          code: 'P.1',
          name: 'Kode kembar',
        }).expect(409)
      ).body.code,
    ).toBe('CODE_TAKEN');
    // The same code in another SKPD's plan is fine.
    await node(t, y.planner, {
      periodId: w.periodId,
      skpdId: y.skpdId,
      kind: 'PROGRAM',
      parentId: y.sasaranId,
      code: 'P.1',
      name: 'Program lain',
    });
    const del = await request(t.http).delete(`/api/v1/planning/nodes/${program.id}`).set(t.auth(x.planner)).expect(409);
    expect(del.body.code).toBe('NODE_IN_USE');
  });

  it('stores indicator attributes with exact decimals and rejects settings that do not fit together', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const created = await indicator(t, x.planner, x.sasaranId, {
      name: 'Angka kematian ibu',
      satuan: 'per 100.000 KH',
      definition: 'Jumlah kematian ibu / jumlah kelahiran hidup × 100.000',
      polarity: 'LOWER_IS_BETTER',
      lowerIsBetterFormula: 'INVERSE_RATIO',
      aggregation: 'CUMULATIVE_SUM',
      baselineValue: '123.4567',
      baselineYear: 2024,
      endTarget: '0.1',
      dataSource: 'Profil Kesehatan',
      isIku: true,
      decimals: 4,
    });
    const got = await request(t.http)
      .get(`/api/v1/planning/indicators/${created.id}`)
      .set(t.auth(x.planner))
      .expect(200);
    expect(got.body).toEqual(
      expect.objectContaining({
        level: 'SKPD',
        skpdId: x.skpdId,
        baselineValue: '123.4567',
        endTarget: '0.1',
        polarity: 'LOWER_IS_BETTER',
        isIku: true,
        decimals: 4,
      }),
    );

    const range = await indicator(t, x.planner, x.sasaranId, {
      polarity: 'RANGE',
      aggregation: 'AVERAGE',
      rangeMin: '6.5',
      rangeMax: '8.5',
    });
    expect([range.rangeMin, range.rangeMax]).toEqual(['6.5', '8.5']);
    const badRange = await request(t.http)
      .post('/api/v1/planning/indicators')
      .set(t.auth(x.planner))
      .send({
        nodeId: x.sasaranId,
        code: 'R.9',
        name: 'pH air',
        satuan: 'pH',
        polarity: 'RANGE',
        aggregation: 'AVERAGE',
        rangeMin: '9',
        rangeMax: '7',
      })
      .expect(422);
    expect(badRange.body.errors.map((e: { code: string }) => e.code)).toEqual(['RANGE_INVERTED']);
    const binary = await request(t.http)
      .post('/api/v1/planning/indicators')
      .set(t.auth(x.planner))
      .send({
        nodeId: x.sasaranId,
        code: 'B.9',
        name: 'Tersedianya dokumen',
        satuan: 'ada/tidak',
        polarity: 'BINARY',
        aggregation: 'CUMULATIVE_SUM',
      })
      .expect(422);
    expect(binary.body.errors.map((e: { code: string }) => e.code)).toEqual(['AGGREGATION_NOT_ALLOWED']);

    const stale = await request(t.http)
      .patch(`/api/v1/planning/indicators/${created.id}`)
      .set(t.auth(x.planner))
      .send({ version: 99, name: 'Baru' })
      .expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const patched = await request(t.http)
      .patch(`/api/v1/planning/indicators/${created.id}`)
      .set(t.auth(x.planner))
      .send({ version: got.body.version, endTarget: null, dataSource: 'Dinkes' })
      .expect(200);
    expect(patched.body).toEqual(
      expect.objectContaining({ endTarget: null, dataSource: 'Dinkes', baselineValue: '123.4567' }),
    );

    const targets = await request(t.http)
      .put(`/api/v1/planning/indicators/${created.id}/targets`)
      .set(t.auth(x.planner))
      .send({
        targets: [
          { year: 2025, target: '120.1234' },
          { year: 2030, target: '1' },
          { year: 2026, target: '-1' },
        ],
      })
      .expect(422);
    expect(targets.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['targets.1.year', 'YEAR_OUTSIDE_PERIOD'],
      ['targets.2.target', 'NEGATIVE_TARGET'],
    ]);
    await request(t.http)
      .put(`/api/v1/planning/indicators/${created.id}/targets`)
      .set(t.auth(x.planner))
      .send({
        targets: [
          { year: 2026, target: '110' },
          { year: 2025, target: '120.1234' },
        ],
      })
      .expect(200);
    const read = await request(t.http)
      .get(`/api/v1/planning/indicators/${created.id}/targets`)
      .set(t.auth(x.planner))
      .expect(200);
    expect(read.body).toEqual([
      { indicatorId: created.id, year: 2025, target: '120.1234' },
      { indicatorId: created.id, year: 2026, target: '110' },
    ]);
  });

  it('rolls crosscutting contributions up to the Pemda target', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const y = await skpdPlan(t, w);
    const z = await skpdPlan(t, w);
    const iku = await indicator(t, w.admin, w.pemdaSasaranId, {
      name: 'Jumlah penduduk miskin yang diintervensi',
      satuan: 'jiwa',
      isIku: true,
    });
    expect(iku.level).toBe('PEMDA');
    await request(t.http)
      .put(`/api/v1/planning/indicators/${iku.id}/targets`)
      .set(t.auth(w.admin))
      .send({ targets: [{ year: 2025, target: '1000' }] })
      .expect(200);

    const put = (user: typeof w.admin, contributions: Record<string, unknown>[]) =>
      request(t.http)
        .put(`/api/v1/planning/indicators/${iku.id}/crosscut`)
        .set(t.auth(user))
        .send({ year: 2025, contributions });
    await put(x.planner, [{ skpdId: x.skpdId, subTarget: '1000' }]).expect(403);
    const invalid = await put(w.admin, [
      { skpdId: x.skpdId, sharePercent: '40', subTarget: '400' },
      { skpdId: y.skpdId, sharePercent: '120' },
    ]).expect(422);
    expect(invalid.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'SHARE_OR_SUBTARGET',
      'SHARE_OUT_OF_RANGE',
    ]);

    const under = await put(w.admin, [
      { skpdId: x.skpdId, sharePercent: '33.3333' },
      { skpdId: y.skpdId, subTarget: '250.5' },
    ]).expect(200);
    expect(under.body).toEqual(
      expect.objectContaining({
        pemdaTarget: '1000',
        totalSharePercent: '33.3333',
        rolledUpTarget: '583.833',
        status: 'UNDER',
      }),
    );

    const balanced = await put(w.admin, [
      { skpdId: x.skpdId, sharePercent: '40' },
      { skpdId: y.skpdId, subTarget: '350' },
      { skpdId: z.skpdId, sharePercent: '25', note: 'Bansos' },
    ]).expect(200);
    expect(balanced.body.status).toBe('BALANCED');
    expect(balanced.body.rolledUpTarget).toBe('1000');
    expect(
      balanced.body.contributions
        .map((c: { skpdId: string; effectiveTarget: string }) => [c.skpdId, c.effectiveTarget])
        .sort(),
    ).toEqual(
      [
        [x.skpdId, '400'],
        [y.skpdId, '350'],
        [z.skpdId, '250'],
      ].sort(),
    );

    // A planner sees only their own contribution, against the shared totals.
    const mine = await request(t.http)
      .get(`/api/v1/planning/indicators/${iku.id}/crosscut?year=2025`)
      .set(t.auth(y.planner))
      .expect(200);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0].contributions.map((c: { skpdId: string }) => c.skpdId)).toEqual([y.skpdId]);
    expect(mine.body[0].status).toBe('BALANCED');
    const years = await request(t.http)
      .get(`/api/v1/planning/indicators/${iku.id}/crosscut`)
      .set(t.auth(w.admin))
      .expect(200);
    expect(years.body.map((r: { year: number; status: string }) => [r.year, r.status])).toEqual([
      [2025, 'BALANCED'],
      [2026, 'NO_CONTRIBUTIONS'],
      [2027, 'NO_CONTRIBUTIONS'],
      [2028, 'NO_CONTRIBUTIONS'],
      [2029, 'NO_CONTRIBUTIONS'],
    ]);
    const assigned = await request(t.http)
      .get(`/api/v1/planning/crosscut?year=2025&skpdId=${x.skpdId}`)
      .set(t.auth(y.planner))
      .expect(200);
    expect(assigned.body).toEqual([
      expect.objectContaining({ indicatorId: iku.id, skpdId: y.skpdId, subTarget: '350' }),
    ]);
    // Crosscutting is for Pemda indicators only.
    const own = await indicator(t, x.planner, x.sasaranId);
    const notPemda = await request(t.http)
      .put(`/api/v1/planning/indicators/${own.id}/crosscut`)
      .set(t.auth(w.admin))
      .send({ year: 2025, contributions: [{ skpdId: y.skpdId, sharePercent: '10' }] })
      .expect(422);
    expect(notPemda.body.errors.map((e: { code: string }) => e.code)).toEqual(['NOT_PEMDA_INDICATOR']);
  });

  it('lists orphans: SKPD sasaran with no Pemda parent and Pemda sasaran nobody supports', async () => {
    const w = await planningWorld(t);
    const lonelyPemda = await node(t, w.admin, {
      periodId: w.periodId,
      kind: 'SASARAN',
      parentId: w.pemdaTujuanId,
      code: 'S.LONE',
      name: 'Meningkatnya kualitas lingkungan hidup',
    });
    const linked = await skpdPlan(t, w);
    const unlinked = await skpdPlan(t, w, { linked: false });
    const orphans = await request(t.http)
      .get(`/api/v1/planning/orphans?periodId=${w.periodId}`)
      .set(t.auth(w.admin))
      .expect(200);
    expect(orphans.body.unlinkedSkpdSasaran.map((n: { id: string }) => n.id)).toEqual([unlinked.sasaranId]);
    expect(orphans.body.unsupportedPemdaSasaran.map((n: { id: string }) => n.id)).toEqual([lonelyPemda.id]);
    // A planner sees only their own SKPD's unlinked sasaran.
    const theirs = await request(t.http)
      .get(`/api/v1/planning/orphans?periodId=${w.periodId}`)
      .set(t.auth(linked.planner))
      .expect(200);
    expect(theirs.body.unlinkedSkpdSasaran).toEqual([]);
    // Linking fixes it.
    const sasaran = (
      await request(t.http)
        .get(`/api/v1/planning/nodes/${unlinked.sasaranId}`)
        .set(t.auth(unlinked.planner))
        .expect(200)
    ).body;
    await request(t.http)
      .patch(`/api/v1/planning/nodes/${unlinked.sasaranId}`)
      .set(t.auth(unlinked.planner))
      .send({ version: sasaran.version, supportsNodeId: lonelyPemda.id })
      .expect(200);
    const after = await request(t.http)
      .get(`/api/v1/planning/orphans?periodId=${w.periodId}`)
      .set(t.auth(w.admin))
      .expect(200);
    expect(after.body).toEqual(expect.objectContaining({ unlinkedSkpdSasaran: [], unsupportedPemdaSasaran: [] }));
  });

  it('moves a node under another parent of the kind one level up in the same plan, and refuses any other', async () => {
    const w = await planningWorld(t);
    const x = await skpdPlan(t, w);
    const y = await skpdPlan(t, w);
    const tujuan2 = await node(t, x.planner, {
      periodId: w.periodId,
      skpdId: x.skpdId,
      kind: 'TUJUAN',
      code: 'T.PINDAH',
      name: 'Tujuan kedua',
    });
    const patch = async (id: string, body: Record<string, unknown>, status: number) => {
      const current = (await request(t.http).get(`/api/v1/planning/nodes/${id}`).set(t.auth(x.planner)).expect(200))
        .body;
      const res = await request(t.http)
        .patch(`/api/v1/planning/nodes/${id}`)
        .set(t.auth(x.planner))
        .send({ version: current.version, ...body })
        .expect(status);
      return res.body;
    };
    // Another SKPD's tujuan, a Pemda tujuan, a node of the wrong kind: 422 INVALID_PARENT, nothing moves.
    for (const parentId of [y.tujuanId, w.pemdaTujuanId, x.sasaranId])
      expect((await patch(x.sasaranId, { parentId }, 422)).code).toBe('INVALID_PARENT');
    expect((await patch(x.tujuanId, { parentId: tujuan2.id }, 422)).code).toBe('INVALID_PARENT');
    const moved = await patch(x.sasaranId, { parentId: tujuan2.id }, 200);
    expect(moved).toEqual(expect.objectContaining({ parentId: tujuan2.id, supportsNodeId: w.pemdaSasaranId }));
    const audit = await request(t.http)
      .get('/api/v1/audit-log')
      .query({ entity: 'PlanNode', entityId: x.sasaranId, action: 'UPDATE' })
      .set(t.auth(w.admin))
      .expect(200);
    // The move is the sasaran's only update (its creation may share the second, so the action picks it).
    expect(audit.body.items).toHaveLength(1);
    const diff = audit.body.items[0].diff;
    expect(typeof diff === 'string' ? JSON.parse(diff) : diff).toEqual(
      expect.objectContaining({ before: { parentId: x.tujuanId }, after: { parentId: tujuan2.id } }),
    );
  });

  it('finds a planted near-duplicate pair across SKPD and leaves unrelated indicators alone', async () => {
    const w = await planningWorld(t);
    const health = await skpdPlan(t, w);
    const social = await skpdPlan(t, w);
    const farm = await skpdPlan(t, w);
    const a = await indicator(t, health.planner, health.sasaranId, {
      name: 'Persentase pelayanan kesehatan penduduk miskin',
    });
    const b = await indicator(t, social.planner, social.sasaranId, {
      name: 'Cakupan layanan kesehatan bagi penduduk miskin',
    });
    await indicator(t, farm.planner, farm.sasaranId, { name: 'Produktivitas padi per hektar' });
    await indicator(t, social.planner, social.sasaranId, { name: 'Jumlah rumah tidak layak huni yang direhabilitasi' });
    await indicator(t, health.planner, health.sasaranId, { name: 'Pelayanan kesehatan penduduk miskin di puskesmas' }); // same SKPD as a: not a pair with a

    const res = await request(t.http).get('/api/v1/planning/overlaps?year=2026').set(t.auth(w.admin)).expect(200);
    const pairs = res.body.pairs.map((p: { left: { id: string }; right: { id: string } }) =>
      [p.left.id, p.right.id].sort(),
    );
    expect(pairs).toContainEqual([a.id, b.id].sort());
    expect(
      res.body.pairs.every(
        (p: { left: { skpdId: string }; right: { skpdId: string } }) => p.left.skpdId !== p.right.skpdId,
      ),
    ).toBe(true);
    const ids = res.body.pairs.flatMap((p: { left: { name: string }; right: { name: string } }) => [
      p.left.name,
      p.right.name,
    ]);
    expect(ids).not.toContain('Produktivitas padi per hektar');
    expect(ids).not.toContain('Jumlah rumah tidak layak huni yang direhabilitasi');
    const pair = res.body.pairs.find(
      (p: { left: { id: string }; right: { id: string } }) =>
        [p.left.id, p.right.id].sort().join() === [a.id, b.id].sort().join(),
    );
    expect(pair).toEqual(
      expect.objectContaining({
        kind: 'INDICATOR',
        suggestion: expect.stringMatching(/MERGE|CROSSCUTTING/),
        sharedTokens: expect.arrayContaining(['miskin']),
      }),
    );

    await request(t.http).get('/api/v1/planning/overlaps?year=2026').set(t.auth(health.planner)).expect(403);
    const none = await request(t.http).get('/api/v1/planning/overlaps?year=2040').set(t.auth(w.admin)).expect(200);
    expect(none.body).toEqual(expect.objectContaining({ periodId: null, pairs: [] }));
  });
});
