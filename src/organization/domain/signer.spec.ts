import { printedTitle, signerOf } from './signer';

describe('signer', () => {
  it.each([
    [null, 'Kepala Dinas Kesehatan'],
    ['PLT', 'Plt. Kepala Dinas Kesehatan'],
    ['PLH', 'Plh. Kepala Dinas Kesehatan'],
  ] as const)('prints an acting kind %s before the title', (acting, printed) => {
    expect(printedTitle({ title: 'Kepala Dinas Kesehatan', acting })).toBe(printed);
  });

  const head = {
    headTitle: 'Bupati Maju Bersama',
    headName: 'Drs. H. Ahmad',
    headNip: null,
    headRank: null,
    headActing: null,
  };
  it('is the head when title and name are filled in', () => {
    expect(signerOf(head)).toEqual({
      title: 'Bupati Maju Bersama',
      name: 'Drs. H. Ahmad',
      nip: null,
      rank: null,
      acting: null,
    });
  });
  it.each([{ headTitle: null }, { headName: null }, { headName: '' }])('is nobody while %o', (missing) => {
    expect(signerOf({ ...head, ...missing })).toBeNull();
  });
});
