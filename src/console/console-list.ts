import { MAX_PAGE, MAX_PAGE_SIZE, type Page } from '../common/http/pagination';

/**
 * Every console list searched, sorted and paginated the same way (#17), from the page's own query parameters:
 * `?cari=` (search), `?urut=kode` / `?urut=-kode` (sort column, `-` for descending) and `?halaman=`. A list the
 * service pages (users, SKPD, audit) hands `apiQuery(…)` to the service; a list built in memory (PK approvals,
 * LKE lists) uses `pageOf(…)`. `listModel(…)` feeds the partials `daftar-cari`, `daftar-kepala` and
 * `daftar-halaman` (search form, sortable headers with aria-sort, pagination nav).
 */

export interface ListColumn {
  /** The column's key in `?urut=`. */
  key: string;
  label: string;
  /** The API's sort field (a service-paged list) — or true for a list sorted in memory; absent: not sortable. */
  sort?: string | true;
  className?: string;
}

export interface ListSpec {
  /** The page's address (links keep its other parameters, see `keep`). */
  path: string;
  columns: readonly ListColumn[];
  /** A sortable column key, `-` in front for descending. */
  defaultSort: string;
  pageSize?: number;
  /** What the search matches, read by screen readers and shown as the search field's hint. */
  searchHint?: string;
}

export interface ListState {
  q: string;
  sortKey: string;
  descending: boolean;
  page: number;
  pageSize: number;
  /** Other parameters (filters, year) kept in every link the list makes. */
  keep: Record<string, string>;
}

const DEFAULT_PAGE_SIZE = 20;

const text = (raw: unknown): string => (typeof raw === 'string' ? raw.trim().slice(0, 60) : '');

/** The list's state from the request's query; an unknown column or a bad page falls back to the default. */
export function readList(
  spec: ListSpec,
  query: Record<string, unknown>,
  keep: Record<string, string | number | null | undefined> = {},
): ListState {
  const sortable = new Set(spec.columns.filter((c) => c.sort).map((c) => c.key));
  const asked = text(query.urut);
  const key = asked.replace(/^-/, '');
  const [sortKey, descending] = sortable.has(key)
    ? [key, asked.startsWith('-')]
    : [spec.defaultSort.replace(/^-/, ''), spec.defaultSort.startsWith('-')];
  const page = Number(query.halaman);
  return {
    q: text(query.cari),
    sortKey,
    descending,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    pageSize: Math.min(spec.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    keep: Object.fromEntries(
      Object.entries(keep)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => [k, String(v)]),
    ),
  };
}

/** `{ page, pageSize, sort, q }` for a service's list (its PageQueryDto); `q` only when something was typed. */
export function apiQuery(
  spec: ListSpec,
  state: ListState,
): { page: number; pageSize: number; sort: string; q?: string } {
  const column = spec.columns.find((c) => c.key === state.sortKey);
  const field = typeof column?.sort === 'string' ? column.sort : state.sortKey;
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: `${state.descending ? '-' : ''}${field}`,
    ...(state.q ? { q: state.q } : {}),
  };
}

/**
 * One page of a list held in memory: rows whose `search` text contains the typed words (case-insensitive), sorted by
 * the column's value (numbers as numbers, text the Indonesian way, ties in the order given), then cut to the page.
 */
export function pageOf<T>(
  items: readonly T[],
  state: ListState,
  by: { search: (item: T) => string; sort: Record<string, (item: T) => string | number | null | undefined> },
): Page<T> {
  const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
  const found = items.filter((item) => {
    const hay = by.search(item).toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const value = by.sort[state.sortKey];
  const sorted = value
    ? found
        .map((item, i) => ({ item, i, v: value(item) }))
        .sort((a, b) => {
          const c = compare(a.v, b.v);
          return (state.descending ? -c : c) || a.i - b.i;
        })
        .map((r) => r.item)
    : [...found];
  const start = (state.page - 1) * state.pageSize;
  return {
    items: sorted.slice(start, start + state.pageSize),
    total: found.length,
    page: state.page,
    pageSize: state.pageSize,
  };
}

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

/** Empty values last; numbers by value; text naturally ("1.02.2" before "1.02.10"). */
function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const blankA = a === null || a === undefined || a === '';
  const blankB = b === null || b === undefined || b === '';
  if (blankA || blankB) return Number(blankA) - Number(blankB);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** The link to the same list with some parameters changed (the CSRF token is never among them). */
function href(spec: ListSpec, state: ListState, change: { urut?: string; halaman?: number; cari?: string }): string {
  const params = new URLSearchParams(state.keep);
  const q = change.cari ?? state.q;
  if (q) params.set('cari', q);
  params.set('urut', change.urut ?? `${state.descending ? '-' : ''}${state.sortKey}`);
  if ((change.halaman ?? 1) > 1) params.set('halaman', String(change.halaman));
  return `${spec.path}?${params.toString()}`;
}

/** How many numbered page links stand on either side of the current one. */
const AROUND = 2;

/** What the list partials render: the search form, the sortable headers and the pagination nav. */
export function listModel(spec: ListSpec, state: ListState, total: number) {
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const numbers: number[] = [];
  for (let n = Math.max(1, state.page - AROUND); n <= Math.min(pages, state.page + AROUND); n++) numbers.push(n);
  return {
    path: spec.path,
    search: {
      value: state.q,
      hint: spec.searchHint,
      keep: Object.entries(state.keep).map(([name, value]) => ({ name, value })),
      sort: `${state.descending ? '-' : ''}${state.sortKey}`,
      clear: state.q ? href(spec, state, { cari: '' }) : null,
    },
    headers: spec.columns.map((c) => {
      const current = c.key === state.sortKey;
      return {
        label: c.label,
        className: c.className,
        href: c.sort ? href(spec, state, { urut: `${current && !state.descending ? '-' : ''}${c.key}` }) : null,
        ariaSort: current ? (state.descending ? 'descending' : 'ascending') : null,
        arrow: current ? (state.descending ? '▼' : '▲') : null,
      };
    }),
    pagination: {
      total,
      page: state.page,
      pages,
      many: pages > 1,
      previous: state.page > 1 ? href(spec, state, { halaman: Math.min(state.page - 1, pages) }) : null,
      next: state.page < pages ? href(spec, state, { halaman: state.page + 1 }) : null,
      numbers: numbers.map((n) => ({ n, href: href(spec, state, { halaman: n }), current: n === state.page })),
    },
  };
}

export type ListModel = ReturnType<typeof listModel>;
