/**
 * National nomenclature codes of planning and budget (Kepmendagri 050-5889/2021 as amended): urusan → bidang urusan →
 * program → kegiatan → sub-kegiatan, written `1.02.02.2.01.0001` = urusan `1`, bidang `02`, program `02`, kegiatan
 * `2.01` (two parts), sub-kegiatan `0001`. Pure: the shape of a code decides its level and its parent.
 */

export const NOMENCLATURE_LEVELS = ['URUSAN', 'BIDANG', 'PROGRAM', 'KEGIATAN', 'SUB_KEGIATAN'] as const;
export type NomenclatureLevel = (typeof NOMENCLATURE_LEVELS)[number];

export const LEVEL_LABELS: Record<NomenclatureLevel, string> = {
  URUSAN: 'urusan',
  BIDANG: 'bidang urusan',
  PROGRAM: 'program',
  KEGIATAN: 'kegiatan',
  SUB_KEGIATAN: 'sub kegiatan',
};

/** Each level's code: the parent's code plus these dot-separated parts (urusan X is a letter-free digit too). */
const SHAPES: readonly { level: NomenclatureLevel; pattern: RegExp; parts: number }[] = [
  { level: 'URUSAN', pattern: /^[0-9X]$/, parts: 1 },
  { level: 'BIDANG', pattern: /^[0-9X]\.[0-9X]{2}$/, parts: 2 },
  { level: 'PROGRAM', pattern: /^[0-9X]\.[0-9X]{2}\.\d{2}$/, parts: 3 },
  { level: 'KEGIATAN', pattern: /^[0-9X]\.[0-9X]{2}\.\d{2}\.\d\.\d{2}$/, parts: 5 },
  { level: 'SUB_KEGIATAN', pattern: /^[0-9X]\.[0-9X]{2}\.\d{2}\.\d\.\d{2}\.\d{4}$/, parts: 6 },
];

/** A code as typed: spaces removed, upper case (the cross-cutting urusan "X"). */
export const normalizeCode = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/** The level of a well-formed code, or null when the code has no valid shape. */
export function levelOf(code: string): NomenclatureLevel | null {
  return SHAPES.find((s) => s.pattern.test(code))?.level ?? null;
}

/** The code of the parent level (null for an urusan); the code must be well formed. */
export function parentCodeOf(code: string): string | null {
  const level = levelOf(code);
  if (level === null) throw new Error(`Not a nomenclature code: ${code}`);
  const index = NOMENCLATURE_LEVELS.indexOf(level);
  if (index === 0) return null;
  return code
    .split('.')
    .slice(0, SHAPES[index - 1].parts)
    .join('.');
}

/** The ancestor of a code at a level (itself when it is that level), or null when it sits above that level. */
export function ancestorAt(code: string, level: NomenclatureLevel): string | null {
  const own = levelOf(code);
  if (own === null) return null;
  const target = NOMENCLATURE_LEVELS.indexOf(level);
  if (NOMENCLATURE_LEVELS.indexOf(own) < target) return null;
  return code.split('.').slice(0, SHAPES[target].parts).join('.');
}

export const CODE_EXAMPLE = '1.02.02.2.01.0001';
