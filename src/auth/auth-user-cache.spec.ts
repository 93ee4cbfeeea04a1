import { type AuthUser, AuthUserCache } from './auth-user-cache';

const user = (tokenVersion: number): AuthUser => ({
  id: 'u1',
  username: 'planner',
  role: 'PLANNER',
  regionId: 'r1',
  skpdId: 's1',
  isQa: false,
  active: true,
  tokenVersion,
});

describe('AuthUserCache', () => {
  afterEach(() => jest.useRealTimers());

  it('reads a user once within AUTH_CACHE_SECONDS and again after it', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = new AuthUserCache({ AUTH_CACHE_SECONDS: 5 });
    const read = jest.fn(async () => user(0));
    await cache.get('u1', read);
    jest.setSystemTime(1_004_999);
    await cache.get('u1', read);
    expect(read).toHaveBeenCalledTimes(1);
    jest.setSystemTime(1_005_000);
    await cache.get('u1', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads again at once after forget (logout, password, deactivation, role change)', async () => {
    const cache = new AuthUserCache({ AUTH_CACHE_SECONDS: 5 });
    let version = 0;
    const read = jest.fn(async () => user(version));
    expect((await cache.get('u1', read))?.tokenVersion).toBe(0);
    version = 1;
    cache.forget('u1');
    expect((await cache.get('u1', read))?.tokenVersion).toBe(1);
  });

  it('does not keep a read that a forget overtook (it may predate the change)', async () => {
    const cache = new AuthUserCache({ AUTH_CACHE_SECONDS: 5 });
    let release!: () => void;
    const slow = jest.fn(() => new Promise<AuthUser>((done) => (release = () => done(user(0)))));
    const pending = cache.get('u1', slow);
    cache.forget('u1');
    release();
    expect((await pending)?.tokenVersion).toBe(0);
    const fresh = jest.fn(async () => user(1));
    expect((await cache.get('u1', fresh))?.tokenVersion).toBe(1);
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('reads on every call with AUTH_CACHE_SECONDS=0, and never keeps an unknown user', async () => {
    const off = new AuthUserCache({ AUTH_CACHE_SECONDS: 0 });
    const read = jest.fn(async () => user(0));
    await off.get('u1', read);
    await off.get('u1', read);
    expect(read).toHaveBeenCalledTimes(2);
    const on = new AuthUserCache({ AUTH_CACHE_SECONDS: 5 });
    const none = jest.fn(async () => null);
    await on.get('u2', none);
    await on.get('u2', none);
    expect(none).toHaveBeenCalledTimes(2);
  });
});
