import { apiQuery, listModel, type ListSpec, pageOf, readList } from './console-list';

const spec: ListSpec = {
  path: '/konsol/admin/skpd',
  columns: [
    { key: 'kode', label: 'Kode', sort: 'code' },
    { key: 'nama', label: 'Nama', sort: 'name' },
    { key: 'aktif', label: 'Aktif' },
  ],
  defaultSort: 'kode',
  pageSize: 2,
};

describe('console lists', () => {
  it('reads search, sort and page from the query; an unknown column or a bad page falls back', () => {
    expect(readList(spec, { cari: ' dinas ', urut: '-nama', halaman: '3' }, { tahun: 2025 })).toEqual({
      q: 'dinas',
      sortKey: 'nama',
      descending: true,
      page: 3,
      pageSize: 2,
      keep: { tahun: '2025' },
    });
    const bad = readList(spec, { urut: 'aktif', halaman: '-1' });
    expect([bad.sortKey, bad.descending, bad.page]).toEqual(['kode', false, 1]);
    expect(readList(spec, { halaman: ['2', '3'] }).page).toBe(1);
  });

  it("maps the console's column to the API's sort field", () => {
    expect(apiQuery(spec, readList(spec, { urut: '-nama', cari: 'x' }))).toEqual({
      page: 1,
      pageSize: 2,
      sort: '-name',
      q: 'x',
    });
  });

  it('searches, sorts naturally (codes) and pages a list held in memory', () => {
    const rows = [{ code: '1.02.10' }, { code: '1.02.2' }, { code: '1.01.1' }, { code: '2.00' }];
    const by = { search: (r: { code: string }) => r.code, sort: { kode: (r: { code: string }) => r.code } };
    const first = pageOf(rows, readList(spec, {}), by);
    expect(first.items.map((r) => r.code)).toEqual(['1.01.1', '1.02.2']);
    expect(first.total).toBe(4);
    expect(pageOf(rows, readList(spec, { halaman: '2' }), by).items.map((r) => r.code)).toEqual(['1.02.10', '2.00']);
    expect(pageOf(rows, readList(spec, { cari: '1.02', urut: '-kode' }), by).items.map((r) => r.code)).toEqual([
      '1.02.10',
      '1.02.2',
    ]);
  });

  it('makes sortable headers with aria-sort and pagination links that keep the other parameters', () => {
    const state = readList(spec, { cari: 'a&b', halaman: '2' }, { tahun: 2025 });
    const model = listModel(spec, state, 5);
    expect(model.headers[0]).toMatchObject({
      ariaSort: 'ascending',
      href: '/konsol/admin/skpd?tahun=2025&cari=a%26b&urut=-kode',
    });
    expect(model.headers[1]).toMatchObject({
      ariaSort: null,
      href: '/konsol/admin/skpd?tahun=2025&cari=a%26b&urut=nama',
    });
    expect(model.headers[2].href).toBeNull();
    expect(model.pagination).toMatchObject({ page: 2, pages: 3, many: true });
    expect(model.pagination.previous).toBe('/konsol/admin/skpd?tahun=2025&cari=a%26b&urut=kode');
    expect(model.pagination.next).toBe('/konsol/admin/skpd?tahun=2025&cari=a%26b&urut=kode&halaman=3');
    expect(model.pagination.numbers.map((n) => [n.n, n.current])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(model.search.clear).toBe('/konsol/admin/skpd?tahun=2025&urut=kode');
  });
});
