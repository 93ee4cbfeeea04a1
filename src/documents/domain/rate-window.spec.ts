import { RateWindow } from './rate-window';

describe('RateWindow', () => {
  it('lets `limit` hits through per window and per key, then says how long to wait', () => {
    const w = new RateWindow(3, 60_000);
    expect([w.hit('a', 0), w.hit('a', 1), w.hit('a', 2)]).toEqual([0, 0, 0]);
    expect(w.hit('a', 30_000)).toBe(30);
    expect(w.hit('b', 30_000)).toBe(0);
    expect(w.hit('a', 60_000)).toBe(0);
  });

  it('forgets the oldest keys beyond maxKeys', () => {
    const w = new RateWindow(1, 60_000, 2);
    w.hit('a', 0);
    w.hit('a', 0);
    w.hit('b', 0);
    w.hit('c', 0);
    expect(w.hit('a', 1)).toBe(0);
  });
});
