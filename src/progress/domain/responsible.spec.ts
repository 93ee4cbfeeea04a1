import { responsibleUnit } from './responsible';

const UNITS = [
  { id: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah', kind: 'BADAN' },
  { id: 'bpkad', name: 'Badan Pengelolaan Keuangan dan Aset Daerah', kind: 'BADAN' },
  { id: 'setda', name: 'Sekretariat Daerah', kind: 'SEKRETARIAT' },
  { id: 'setwan', name: 'Sekretariat DPRD', kind: 'SEKRETARIAT' },
  { id: 'insp', name: 'Inspektorat Daerah', kind: 'INSPEKTORAT' },
];

describe('responsibleUnit', () => {
  it.each([
    ['1', 'bappeda'],
    ['2', 'bappeda'],
    ['3', 'setda'],
    ['4', 'insp'],
  ])('Pemda evaluation, component %s → %s', (component, id) =>
    expect(responsibleUnit(component, null, UNITS).skpdId).toBe(id),
  );
  it('an SKPD evaluation: the SKPD itself', () =>
    expect(responsibleUnit('4', { id: 'dinkes', name: 'Dinas Kesehatan', kind: 'DINAS' }, UNITS)).toEqual({
      skpdId: 'dinkes',
      name: 'Dinas Kesehatan',
    }));
  it('no matching unit: the coordinator named, without an id', () =>
    expect(responsibleUnit('4', null, [])).toEqual({ skpdId: null, name: 'Inspektorat Daerah' }));
});
