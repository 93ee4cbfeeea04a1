/** Whether a quarter's realisation entry is open for one SKPD, as the service's own check decides it. Pure. */
export interface QuarterWindowIn {
  deadline: Date | null;
  reopenings: { skpdId: string; until: Date }[];
}

export interface QuarterWindowState {
  open: boolean;
  deadline: Date | null;
  /** The latest active reopening for the SKPD, when the deadline passed but entry was reopened. */
  reopenedUntil: Date | null;
}

export function quarterWindowState(w: QuarterWindowIn | undefined, skpdId: string, now: Date): QuarterWindowState {
  const deadline = w?.deadline ?? null;
  if (!deadline || deadline.getTime() >= now.getTime()) return { open: true, deadline, reopenedUntil: null };
  const active = (w?.reopenings ?? [])
    .filter((r) => r.skpdId === skpdId && r.until.getTime() > now.getTime())
    .map((r) => r.until)
    .sort((a, b) => b.getTime() - a.getTime());
  return { open: active.length > 0, deadline, reopenedUntil: active[0] ?? null };
}
