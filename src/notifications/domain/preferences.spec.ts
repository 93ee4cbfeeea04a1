import { channelsFor, parseChoices } from './preferences';

const on = { EMAIL: true, GATEWAY: true };
describe('channel preferences', () => {
  it.each([
    ['no preferences row', undefined, on, []],
    ['default: e-mail when there is an address', { email: 'a@x.id', phone: null, channels: '{}' }, on, ['EMAIL']],
    ['no address: nothing', { email: null, phone: null, channels: '{}' }, on, []],
    ['mail not configured', { email: 'a@x.id', phone: null, channels: '{}' }, { EMAIL: false, GATEWAY: true }, []],
    [
      'both chosen',
      { email: 'a@x.id', phone: '62811', channels: '{"PK":["EMAIL","GATEWAY"]}' },
      on,
      ['EMAIL', 'GATEWAY'],
    ],
    ['unsubscribed from the category', { email: 'a@x.id', phone: null, channels: '{"PK":[]}' }, on, []],
  ] as const)('%s', (_, prefs, configured, expected) => expect(channelsFor('PK', prefs, configured)).toEqual(expected));

  it('drops unknown channels and survives broken JSON', () => {
    expect(parseChoices('{"PK":["SMS","GATEWAY"]}').PK).toEqual(['GATEWAY']);
    expect(parseChoices('{oops').REALISATION).toEqual(['EMAIL']);
  });
});
