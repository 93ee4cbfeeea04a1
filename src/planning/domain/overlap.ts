/**
 * Tumpang tindih (overlap) detection: indicators, sasaran or programs of DIFFERENT SKPD that measure the same thing.
 * Each pair found is either a duplicate to merge or a crosscutting target to share (domain reference §1, §4.2
 * CrosscutLink). A heuristic for review, not a decision: it suggests, people decide.
 *
 * Pipeline: normalise the name (lowercase, strip diacritics and punctuation, drop stop words) → light Indonesian
 * stemming → set of stems → Dice similarity 2|A∩B| / (|A| + |B|). Similarities are plain numbers: they rank
 * suggestions and never enter capaian or scores.
 */

/**
 * Words that do not tell two indicators apart:
 * - function words (yang, dan, di, ke, dari, untuk, pada, dalam, bagi, …);
 * - measurement wrappers: the same quantity is written "Persentase penduduk miskin" or "Angka kemiskinan";
 *   "Indeks …", "Rasio …", "Jumlah …", "Cakupan …", "Tingkat …" say how it is expressed, not what is measured;
 * - plan-statement verbs of sasaran/program names ("Meningkatnya …", "Terwujudnya …", "Program peningkatan …").
 * Kept on purpose: negations and qualifiers that change the meaning ("tidak", "belum", "layak", "baik", "mantap"),
 * and subject words even when frequent ("masyarakat", "daerah", "kabupaten").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // function words
    'yang dan di ke dari untuk pada dalam oleh dengan bagi atau serta terhadap atas akan sebagai secara antara',
    'melalui per tiap setiap para ini itu adalah telah sudah yg dg dgn thd',
    // measurement wrappers
    'persentase prosentase presentase persen jumlah banyaknya tingkat angka indeks rasio proporsi nilai cakupan',
    'capaian rata besaran skor',
    // plan-statement verbs and program wrappers
    'meningkatnya menurunnya terwujudnya tercapainya terpenuhinya tersedianya terlaksananya berkurangnya optimalnya',
    'meningkatkan menurunkan peningkatan penurunan program kegiatan',
  ]
    .join(' ')
    .split(' '),
);

/** Lowercase, no diacritics, punctuation → space, stop words dropped; tokens joined by single spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((token) => token.length > 1 && !STOP_WORDS.has(token))
    .join(' ');
}

const MIN_STEM = 4;
const VOWEL = /^[aiueo]/;

/**
 * A deliberately small Indonesian stemmer, no dictionary. What matters here is that related forms collide
 * (pelayanan/layanan → "layan", kesehatan → "sehat", kemiskinan/miskin → "miskin", ketersediaan/penyediaan → "sedia",
 * pembangunan → "bangun", pertanian → "tani"), not that the stem is the true root. Rules, each applied only if at
 * least 4 letters remain:
 * 1. suffixes "-nya", then "-an" ("-kan" and "-i" are left alone: pendidikan, ekonomi, teknologi would be mangled);
 * 2. up to two prefixes: "ke-" only together with "-an" (kesehatan, not keluarga), "ber-", "ter-", "per-" before a
 *    consonant, and the pe-/me- family with nasal changes: peny+vowel → s (penyediaan → sedia), pen+vowel → t
 *    (penanganan → tangan), pem+vowel → p (pemerintah → perintah), peng/pem/pen before their consonants, pe-/me-
 *    before l, r, w, y, m, n. After a nasal change the word is taken as a root (no further stripping).
 * Known misses are harmless for overlap scoring as long as both names use the same word (perikanan → "rikan").
 */
export function stemIndonesian(word: string): string {
  let w = word;
  const strip = (head: number, tail: number, prefix = ''): boolean => {
    const rest = prefix + w.slice(head, w.length - tail);
    if (rest.length < MIN_STEM) return false;
    w = rest;
    return true;
  };
  if (w.endsWith('nya')) strip(0, 3);
  const hadAn = w.endsWith('an') && strip(0, 2);
  for (let round = 0; round < 2; round++) {
    const next = w.slice(2);
    if (w.startsWith('ke')) {
      if (!(hadAn && round === 0 && strip(2, 0))) break;
    } else if (w.startsWith('ber')) {
      if (!strip(3, 0)) break;
    } else if (w.startsWith('ter')) {
      if (!strip(3, 0)) break;
    } else if (w.startsWith('per') && !VOWEL.test(w.slice(3))) {
      if (!strip(3, 0)) break;
    } else if (/^(pe|me)ny/.test(w) && VOWEL.test(w.slice(4))) {
      strip(4, 0, 's');
      break;
    } else if (/^(pe|me)ng/.test(w) && /^[aiueoghk]/.test(w.slice(4))) {
      if (!strip(4, 0)) break;
    } else if (/^(pe|me)m/.test(w) && /^[bpfv]/.test(w.slice(3))) {
      if (!strip(3, 0)) break;
    } else if (/^(pe|me)m/.test(w) && VOWEL.test(w.slice(3))) {
      strip(3, 0, 'p');
      break;
    } else if (/^(pe|me)n/.test(w) && /^[cdjtsz]/.test(w.slice(3))) {
      if (!strip(3, 0)) break;
    } else if (/^(pe|me)n/.test(w) && VOWEL.test(w.slice(3))) {
      strip(3, 0, 't');
      break;
    } else if (/^(pe|me)[lrwymn]/.test(w) && next.length >= MIN_STEM) {
      strip(2, 0);
    } else {
      break;
    }
  }
  return w;
}

/** The distinct stems of a name, sorted (the unit of comparison). */
export function nameTokens(name: string): string[] {
  const stems = new Set(
    normalizeName(name)
      .split(' ')
      .filter((t) => t !== '')
      .map(stemIndonesian),
  );
  return [...stems].sort();
}

/** Dice coefficient of two token sets: 2|A∩B| / (|A| + |B|), in 0..1; 0 when both are empty. */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size + right.size === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared++;
  return (2 * shared) / (left.size + right.size);
}

export interface OverlapCandidate {
  id: string;
  skpdId: string;
  name: string;
  /** What is compared: 'INDICATOR', 'SASARAN', 'PROGRAM' …; only items of the same kind are paired. */
  kind: string;
}

export type OverlapSuggestion = 'MERGE' | 'CROSSCUTTING';

export interface OverlapPair {
  left: OverlapCandidate;
  right: OverlapCandidate;
  kind: string;
  /** Dice similarity of the stem sets, rounded to 4 decimals. */
  score: number;
  /** The stems both names share. */
  sharedTokens: string[];
  /** MERGE when near-identical (score ≥ mergeThreshold), else CROSSCUTTING (shared target, keep both). */
  suggestion: OverlapSuggestion;
}

export interface OverlapOptions {
  /** Minimum similarity to report a pair. Default 0.6. */
  threshold?: number;
  /** Minimum similarity to suggest merging. Default 0.9. */
  mergeThreshold?: number;
}

export const DEFAULT_OVERLAP_THRESHOLD = 0.6;
export const DEFAULT_MERGE_THRESHOLD = 0.9;

/**
 * Pairs of same-kind items from DIFFERENT SKPD whose names are at least `threshold` similar, best first (ties by the
 * order of the input). Two items of one SKPD are never paired: that is a duplicate inside a plan, not tumpang tindih.
 *
 * Candidate pairs come from an inverted index (stem → items), so only pairs that share at least one stem are ever
 * scored, and the shared-stem count comes from the index itself. Cost is Σ over stems of (items with that stem)²,
 * far below n² for real plans (~2,000 indicators of a kabupaten).
 */
export function findOverlaps(items: readonly OverlapCandidate[], options: OverlapOptions = {}): OverlapPair[] {
  const threshold = options.threshold ?? DEFAULT_OVERLAP_THRESHOLD;
  const mergeThreshold = options.mergeThreshold ?? DEFAULT_MERGE_THRESHOLD;
  const tokens = items.map((item) => nameTokens(item.name));

  const index = new Map<string, number[]>();
  tokens.forEach((stems, i) => {
    for (const stem of stems) {
      const postings = index.get(stem);
      if (postings) postings.push(i);
      else index.set(stem, [i]);
    }
  });

  const shared = new Int32Array(items.length);
  const pairs: { i: number; j: number; score: number }[] = [];
  for (let i = 0; i < items.length; i++) {
    const touched: number[] = [];
    for (const stem of tokens[i]) {
      for (const j of index.get(stem) as number[]) {
        if (j <= i) continue;
        if (shared[j] === 0) touched.push(j);
        shared[j]++;
      }
    }
    for (const j of touched) {
      const common = shared[j];
      shared[j] = 0;
      if (items[j].skpdId === items[i].skpdId || items[j].kind !== items[i].kind) continue;
      const score = (2 * common) / (tokens[i].length + tokens[j].length);
      if (score >= threshold) pairs.push({ i, j, score });
    }
  }

  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  return pairs.map(({ i, j, score }) => {
    const right = new Set(tokens[j]);
    return {
      left: items[i],
      right: items[j],
      kind: items[i].kind,
      score: Math.round(score * 10_000) / 10_000,
      sharedTokens: tokens[i].filter((t) => right.has(t)),
      suggestion: score >= mergeThreshold ? 'MERGE' : 'CROSSCUTTING',
    };
  });
}
