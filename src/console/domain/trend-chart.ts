import Decimal from 'decimal.js';

/** One year of the Pemda's result; total is the API's decimal text (0–100) or null when there is none yet. */
export interface TrendPoint {
  year: number;
  total: string | null;
  predicate: string | null;
}

export interface ChartBand {
  predicate: string;
  /** Lower bound (exclusive) as decimal text, e.g. "80"; null for the floor band. */
  above: string | null;
}

/** Everything the template needs to draw the SVG; coordinates in the viewBox, rounded to 0.1. */
export interface TrendChart {
  width: number;
  height: number;
  /** "x,y x,y …" of the years that have a total. */
  line: string;
  dots: { x: number; y: number; year: number; label: string }[];
  years: { x: number; year: number }[];
  gridLines: { y: number; label: string }[];
  /** The region's target predicate as a line at its band's lower bound, if it has one. */
  target: { y: number; label: string } | null;
  /** Plot edges, for the axis. */
  plot: { left: number; right: number; bottom: number };
  /** Text alternative for screen readers. */
  description: string;
}

const W = 640;
const H = 280;
const PAD = { left: 64, right: 48, top: 24, bottom: 36 };
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Geometry of the trend chart (server-rendered SVG, no script): x = years evenly spaced, y = total on 0–100 with a
 * grid line at each predicate band's lower bound. Coordinates are screen positions, so a double is fine here; the
 * totals themselves arrive and leave as exact text.
 */
export function trendChart(
  points: readonly TrendPoint[],
  bands: readonly ChartBand[],
  target: { predicate: string; year: number } | null = null,
): TrendChart {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const xOf = (i: number) => round1(PAD.left + (sorted.length <= 1 ? plotW / 2 : (plotW * i) / (sorted.length - 1)));
  const yOf = (total: string) => round1(PAD.top + plotH * (1 - new Decimal(total).div(100).toNumber()));
  const dots = sorted.flatMap((p, i) =>
    p.total === null
      ? []
      : [
          {
            x: xOf(i),
            y: yOf(p.total),
            year: p.year,
            label: `${new Decimal(p.total).toFixed(2).replace('.', ',')} (${p.predicate ?? '–'})`,
          },
        ],
  );
  const gridLines = [...bands].flatMap((b) =>
    b.above !== null && new Decimal(b.above).gt(0) ? [{ y: yOf(b.above), label: `${b.predicate} > ${b.above}` }] : [],
  );
  const targetBand = target ? bands.find((b) => b.predicate === target.predicate && b.above !== null) : undefined;
  const description = dots.length
    ? `Nilai SAKIP Pemda per tahun: ${dots.map((d) => `${d.year} ${d.label}`).join('; ')}.`
    : 'Belum ada nilai SAKIP Pemda.';
  return {
    width: W,
    height: H,
    line: dots.map((d) => `${d.x},${d.y}`).join(' '),
    dots,
    years: sorted.map((p, i) => ({ x: xOf(i), year: p.year })),
    gridLines,
    target:
      targetBand && target ? { y: yOf(targetBand.above!), label: `Target ${target.predicate} (${target.year})` } : null,
    plot: { left: PAD.left, right: W - PAD.right, bottom: H - PAD.bottom },
    description: target ? `${description} Target: predikat ${target.predicate} pada ${target.year}.` : description,
  };
}

/** How many SKPD hold each predicate, in band order (best first), including predicates nobody holds. */
export function predicateDistribution(
  predicates: readonly (string | null)[],
  bands: readonly ChartBand[],
): { predicate: string; count: number }[] {
  return bands.map((b) => ({ predicate: b.predicate, count: predicates.filter((p) => p === b.predicate).length }));
}
