import { writeFileSync } from 'node:fs';
import type { Dialect } from './databases';
import type { Check, Figure, Unit } from './measure';

export interface BenchResults {
  generatedAt: string;
  scale: string;
  seed: number;
  runsPerCase: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  datasets: Partial<Record<Dialect, Record<string, string | number>>>;
  notes: string[];
  /** Correctness failures outside the figures (the province's stored scores after the cases). */
  errors: string[];
  figures: Figure[];
}

const DIALECT_NAMES: Record<Dialect, string> = { sqlite: 'SQLite', mariadb: 'MariaDB' };
const OPS: Record<Check['op'], string> = { '<=': '≤', '<': '<', '>=': '≥' };

const amount = (value: number, unit: Unit) =>
  unit === '×'
    ? `${value.toFixed(2)}×`
    : unit === 'req/s'
      ? `${Math.round(value).toLocaleString('en-US')} req/s`
      : `${value.toLocaleString('en-US')} ${unit}`;

function measuredCell(f: Figure): string {
  if (!f.measured) return '—';
  const text = amount(f.measured.value, f.measured.unit);
  if (f.case === 'e') return `${text}, p99 ${f.details.scoreP99Ms} ms`;
  if (f.case === 'b') return `${text}, peak RSS ${f.details.peakRssMb} MB`;
  if (f.case === 'g')
    return `${text}, ${Number(f.details.answerRowsPerSecond).toLocaleString('en-US')} answers/s, ${Number(f.details.bytesPerEvaluation).toLocaleString('en-US')} B/evaluation`;
  return text;
}

function baselineCell(f: Figure): string {
  if (!f.baseline) return '—';
  const text = amount(f.baseline.value, f.baseline.unit);
  if (f.case === 'e') return `${text}, p99 ${f.details.constantP99Ms} ms`;
  if (f.case === 'b') return `${text}, peak RSS ${f.details.barePeakRssMb} MB`;
  return text;
}

const resultCell = (f: Figure) =>
  f.checks.length
    ? f.checks
        .map((c) => (c.unit === '×' ? amount(c.value, c.unit) : `${c.what} ${amount(c.value, c.unit)}`))
        .join('; ')
    : '—';
const targetCell = (f: Figure, targets: string) =>
  f.checks.length
    ? f.checks.map((c) => `${OPS[c.op]} ${c.unit === '×' ? `${c.limit}×` : `${c.limit} ${c.unit}`}`).join('; ')
    : targets;

/** The issue's targets, shown for cases that could not be measured. */
const TARGETS: Record<Figure['case'], string> = {
  a: '≤ 1.3×',
  b: '< 10 s; < 300 MB',
  c: '≤ 3×',
  d: '≤ 3×',
  e: '≥ 0.4×',
  f: '≤ 3×',
  g: '≤ 3×',
};

function metCell(f: Figure): string {
  if (f.errors?.length) return '**wrong results**';
  if (f.status !== 'measured') return f.status;
  return f.checks.every((c) => c.met)
    ? 'met'
    : `**not met** (${f.checks
        .filter((c) => !c.met)
        .map((c) => c.what)
        .join(', ')})`;
}

/** The results table in Markdown (README "Performance" copies it). */
export function toMarkdown(r: BenchResults): string {
  const lines = [
    `Scale \`${r.scale}\`, seed ${r.seed}, median of ${r.runsPerCase} runs; ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}; ${r.generatedAt}.`,
    '',
    '| Case | DB | Measured | Baseline (same run) | Result | Target | Met |',
    '|---|---|---|---|---|---|---|',
    ...r.figures.map(
      (f) =>
        `| ${f.case}. ${f.title} | ${DIALECT_NAMES[f.dialect]} | ${measuredCell(f)} | ${baselineCell(f)} | ${resultCell(f)} | ${targetCell(f, TARGETS[f.case])} | ${metCell(f)} |`,
    ),
  ];
  const notes = [
    ...r.notes,
    ...r.figures.filter((f) => f.note).map((f) => `${f.case} (${DIALECT_NAMES[f.dialect]}): ${f.note}`),
    ...r.figures.flatMap((f) => (f.errors ?? []).map((e) => `${f.case} (${DIALECT_NAMES[f.dialect]}): ${e}`)),
    ...(r.errors ?? []),
  ];
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  const sets = Object.entries(r.datasets);
  if (sets.length) {
    lines.push('', 'Datasets generated for the run (rows, seconds):', '');
    for (const [dialect, d] of sets)
      lines.push(
        `- ${DIALECT_NAMES[dialect as Dialect]}: ${Object.entries(d)
          .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
          .join(', ')}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

export function writeResults(r: BenchResults, jsonPath: string, mdPath: string): void {
  writeFileSync(jsonPath, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(
    mdPath,
    `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.ts). Each figure is compared with a baseline measured in the same run.\n\n${toMarkdown(r)}`,
  );
}
