/**
 * Who is responsible for lifting a criterion: for an SKPD evaluation the SKPD itself; for the Pemda evaluation the
 * coordinating unit of the component (domain reference §3): planning and measurement → Bappeda, reporting → the
 * Sekretariat Daerah (Bagian Organisasi), internal evaluation → the Inspektorat.
 */
export interface UnitRef {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

const COORDINATOR: Record<string, { match: (u: UnitRef) => boolean; fallback: string }> = {
  '1': {
    match: (u) => u.kind === 'BADAN' && /perencanaan/i.test(u.name),
    fallback: 'Badan Perencanaan Pembangunan Daerah',
  },
  '2': {
    match: (u) => u.kind === 'BADAN' && /perencanaan/i.test(u.name),
    fallback: 'Badan Perencanaan Pembangunan Daerah',
  },
  '3': {
    match: (u) => u.kind === 'SEKRETARIAT' && /sekretariat daerah/i.test(u.name),
    fallback: 'Sekretariat Daerah (Bagian Organisasi)',
  },
  '4': { match: (u) => u.kind === 'INSPEKTORAT', fallback: 'Inspektorat Daerah' },
};

export function responsibleUnit(
  componentId: string,
  evaluatedSkpd: UnitRef | null,
  units: readonly UnitRef[],
): { skpdId: string | null; name: string } {
  if (evaluatedSkpd) return { skpdId: evaluatedSkpd.id, name: evaluatedSkpd.name };
  const rule = COORDINATOR[componentId];
  const unit = rule ? units.find(rule.match) : undefined;
  return unit ? { skpdId: unit.id, name: unit.name } : { skpdId: null, name: rule?.fallback ?? 'Sekretariat Daerah' };
}
