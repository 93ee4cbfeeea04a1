/**
 * Who signs a document, as stored on each signature: the PK's two parties (the SKPD head, the regional head; the
 * Pemda's own PK only the regional head) and the Inspektur who issues an LHE. Pure.
 */
export const DOCUMENT_PARTIES = ['FIRST', 'SECOND', 'INSPECTOR'] as const;
export type DocumentParty = (typeof DOCUMENT_PARTIES)[number];

export const DOCUMENT_PARTY_LABEL: Record<DocumentParty, string> = {
  FIRST: 'PIHAK PERTAMA',
  SECOND: 'PIHAK KEDUA',
  INSPECTOR: 'INSPEKTUR',
};

/** The next party to sign, in order, given those who already signed; null when every party signed. */
export function nextPartyOf(order: readonly DocumentParty[], signed: readonly DocumentParty[]): DocumentParty | null {
  return order.find((p) => !signed.includes(p)) ?? null;
}
