import { OverlapCandidate, findOverlaps, nameTokens, normalizeName, stemIndonesian, tokenSimilarity } from './overlap';

const item = (id: string, skpdId: string, name: string, kind = 'INDICATOR'): OverlapCandidate => ({
  id,
  skpdId,
  name,
  kind,
});

/** A realistic slice of one kabupaten's indicators, with one planted near-duplicate pair across SKPD. */
const PLAN: OverlapCandidate[] = [
  item('dinkes-1', 'dinkes', 'Cakupan pelayanan kesehatan dasar'),
  item('rsud-1', 'rsud', 'Persentase layanan kesehatan dasar yang terpenuhi'), // planted: same measure, other SKPD
  item('dispar-1', 'dispar', 'Jumlah kunjungan wisatawan'),
  item('dinsos-1', 'dinsos', 'Persentase penerima bantuan sosial tepat sasaran'),
  item('bappeda-1', 'bappeda', 'Pertumbuhan ekonomi'),
  item('bappeda-2', 'bappeda', 'Indeks pembangunan manusia'),
  item('disdik-1', 'disdik', 'Angka partisipasi murni SD'),
  item('pupr-1', 'pupr', 'Rasio ketersediaan air bersih'),
  item('disnaker-1', 'disnaker', 'Tingkat pengangguran terbuka'),
  item('distan-1', 'distan', 'Nilai tukar petani'),
];

describe('overlap detection (tumpang tindih, issue 5 item 7)', () => {
  it('finds the planted near-duplicate pair and no unrelated indicators', () => {
    const pairs = findOverlaps(PLAN);
    expect(pairs.map((p) => [p.left.id, p.right.id])).toEqual([['dinkes-1', 'rsud-1']]);
    expect(pairs[0]).toMatchObject({
      kind: 'INDICATOR',
      score: 0.8571, // 2·3 / (3 + 4)
      sharedTokens: ['dasar', 'layan', 'sehat'],
      suggestion: 'CROSSCUTTING',
    });
  });

  it('suggests MERGE when the names are the same measure in other words', () => {
    const pairs = findOverlaps([
      item('a', 'dinkes', 'Meningkatnya kualitas pelayanan kesehatan'),
      item('b', 'rsud', 'Peningkatan kualitas layanan kesehatan'),
    ]);
    expect(pairs.map((p) => [p.score, p.suggestion])).toEqual([[1, 'MERGE']]);
  });

  it('never pairs items of the same SKPD or of different kinds', () => {
    const pairs = findOverlaps([
      item('a', 'dinkes', 'Cakupan pelayanan kesehatan dasar'),
      item('b', 'dinkes', 'Cakupan pelayanan kesehatan dasar'),
      item('c', 'rsud', 'Cakupan pelayanan kesehatan dasar', 'PROGRAM'),
    ]);
    expect(pairs).toEqual([]);
  });

  it('sorts best first and honours the thresholds', () => {
    const items = [
      item('a', 's1', 'Cakupan pelayanan kesehatan dasar'),
      item('b', 's2', 'Cakupan pelayanan kesehatan dasar'),
      item('c', 's3', 'Persentase layanan kesehatan dasar yang terpenuhi'),
    ];
    expect(findOverlaps(items).map((p) => `${p.left.id}-${p.right.id}:${p.score}:${p.suggestion}`)).toEqual([
      'a-b:1:MERGE',
      'a-c:0.8571:CROSSCUTTING',
      'b-c:0.8571:CROSSCUTTING',
    ]);
    expect(findOverlaps(items, { threshold: 0.9 }).length).toBe(1);
    expect(findOverlaps(items, { mergeThreshold: 0.8 }).every((p) => p.suggestion === 'MERGE')).toBe(true);
  });

  it('names that are only stop words never match anything', () => {
    expect(findOverlaps([item('a', 's1', 'Persentase'), item('b', 's2', 'Jumlah')])).toEqual([]);
  });

  it('scales: 3,000 indicators in well under a second', () => {
    const words = ['air', 'jalan', 'sekolah', 'pasar', 'ternak', 'ikan', 'hutan', 'desa', 'listrik', 'rumah', 'sampah'];
    const items = Array.from({ length: 3000 }, (_, i) =>
      item(`i${i}`, `s${i % 40}`, `Jumlah ${words[i % 11]} ${words[(i * 7) % 11]} ${words[(i * 5) % 11]} nomor${i}`),
    );
    const started = Date.now();
    findOverlaps(items, { threshold: 0.9 });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  describe('normalisation and stemming', () => {
    it.each([
      ['Persentase Penduduk Miskin (%)', 'penduduk miskin'],
      ['Indeks Kepuasan Masyarakat — pelayanan publik', 'kepuasan masyarakat pelayanan publik'],
      ['Cakupan imunisasi dasar lengkap pada bayi', 'imunisasi dasar lengkap bayi'],
      ['Rumah tidak layak huni', 'rumah tidak layak huni'],
      ['Kualitas Sekolah Dasar  ', 'kualitas sekolah dasar'],
      ['Pelaku ekonomi kreatif yang terfasilitasi', 'pelaku ekonomi kreatif terfasilitasi'],
    ])('normalizeName(%p) = %p', (name, expected) => expect(normalizeName(name)).toBe(expected));

    it.each([
      ['pelayanan', 'layan'],
      ['layanan', 'layan'],
      ['kesehatan', 'sehat'],
      ['kemiskinan', 'miskin'],
      ['miskin', 'miskin'],
      ['ketersediaan', 'sedia'],
      ['penyediaan', 'sedia'],
      ['pembangunan', 'bangun'],
      ['pertanian', 'tani'],
      ['penanganan', 'tangan'],
      ['pemerintah', 'perintah'],
      ['keluarga', 'keluarga'],
      ['ekonomi', 'ekonomi'],
    ])('stemIndonesian(%p) = %p', (word, stem) => expect(stemIndonesian(word)).toBe(stem));

    it('related forms collide, so the same measure in other words scores 1', () => {
      expect(nameTokens('Angka kemiskinan')).toEqual(['miskin']);
      expect(nameTokens('Ketersediaan air bersih')).toEqual(nameTokens('Penyediaan air bersih'));
    });

    it.each<[string[], string[], number]>([
      [['a', 'b'], ['a', 'b'], 1],
      [['a', 'b', 'c'], ['a', 'b', 'c', 'd'], 6 / 7],
      [['a'], ['b'], 0],
      [[], [], 0],
      [['a', 'a'], ['a'], 1],
    ])('tokenSimilarity(%j, %j) = %p', (a, b, expected) => expect(tokenSimilarity(a, b)).toBeCloseTo(expected, 12));
  });
});
