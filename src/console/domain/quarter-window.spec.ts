import { quarterWindowState } from './quarter-window';

describe('quarterWindowState', () => {
  const now = new Date('2025-04-20T00:00:00Z');
  const skpd = 'a';

  it('is open without a window or before its deadline', () => {
    expect(quarterWindowState(undefined, skpd, now)).toEqual({ open: true, deadline: null, reopenedUntil: null });
    const deadline = new Date('2025-04-30T16:59:59Z');
    expect(quarterWindowState({ deadline, reopenings: [] }, skpd, now)).toEqual({
      open: true,
      deadline,
      reopenedUntil: null,
    });
  });

  it('is closed after the deadline unless this SKPD has an active reopening', () => {
    const deadline = new Date('2025-04-15T16:59:59Z');
    const until = new Date('2025-04-25T00:00:00Z');
    expect(quarterWindowState({ deadline, reopenings: [{ skpdId: 'b', until }] }, skpd, now).open).toBe(false);
    expect(
      quarterWindowState(
        { deadline, reopenings: [{ skpdId: skpd, until: new Date('2025-04-19T00:00:00Z') }] },
        skpd,
        now,
      ).open,
    ).toBe(false);
    expect(quarterWindowState({ deadline, reopenings: [{ skpdId: skpd, until }] }, skpd, now)).toEqual({
      open: true,
      deadline,
      reopenedUntil: until,
    });
  });
});
