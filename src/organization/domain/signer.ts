/** The acting prefix printed before a signer's title. */
export const ACTING_PREFIX = { PLT: 'Plt.', PLH: 'Plh.' } as const;

export interface Signer {
  title: string;
  name: string;
  nip: string | null;
  rank: string | null;
  acting: keyof typeof ACTING_PREFIX | null;
}

/** The title as printed: "Plt. Kepala Dinas Kesehatan" for an acting official, the plain title otherwise. */
export const printedTitle = (s: Pick<Signer, 'title' | 'acting'>): string =>
  s.acting ? `${ACTING_PREFIX[s.acting]} ${s.title}` : s.title;

/** The signer of a region or an SKPD, or null while its head's title or name is not filled in. */
export function signerOf(head: {
  headTitle: string | null;
  headName: string | null;
  headNip: string | null;
  headRank: string | null;
  headActing: Signer['acting'];
}): Signer | null {
  if (!head.headTitle || !head.headName) return null;
  return {
    title: head.headTitle,
    name: head.headName,
    nip: head.headNip,
    rank: head.headRank,
    acting: head.headActing,
  };
}
