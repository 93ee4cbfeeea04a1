import { ParsedUploads, sha256Of } from './parsed-uploads';

describe('ParsedUploads', () => {
  const bytes = (s: string) => Buffer.from(s);
  const reader =
    (cache: ParsedUploads<string[]>, parsed: string[]) =>
    (variant: string, file: Buffer, cells = 1) =>
      cache.read(
        variant,
        file,
        async () => {
          parsed.push(`${variant}:${file.toString()}`);
          return { value: [file.toString()], sha256: sha256Of(file) };
        },
        () => cells,
      );

  it('parses the same bytes of the same variant once, and gives the sha256 of the bytes either way', async () => {
    const parsed: string[] = [];
    const read = reader(new ParsedUploads<string[]>(), parsed);
    const first = await read('DPA', bytes('a'));
    const again = await read('DPA', bytes('a'));
    expect(again).toEqual({ value: ['a'], sha256: sha256Of(bytes('a')) });
    expect(again.value).toBe(first.value);
    await read('DPA', bytes('b'));
    await read('REALISATION', bytes('a'));
    expect(parsed).toEqual(['DPA:a', 'DPA:b', 'REALISATION:a']);
  });

  it('does not keep a parse larger than its cell budget, and forgets the least recently used beyond 16', async () => {
    const parsed: string[] = [];
    const read = reader(new ParsedUploads<string[]>(), parsed);
    await read('x', bytes('huge'), 2_000_000);
    await read('x', bytes('huge'), 2_000_000);
    expect(parsed).toEqual(['x:huge', 'x:huge']);
    parsed.length = 0;
    for (let i = 0; i < 17; i++) await read('x', bytes(String(i)));
    await read('x', bytes('16')); // kept
    await read('x', bytes('0')); // evicted by the 17th
    expect(parsed.slice(17)).toEqual(['x:0']);
  });

  it('parses again after 15 minutes', async () => {
    const parsed: string[] = [];
    const read = reader(new ParsedUploads<string[]>(), parsed);
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      await read('x', bytes('a'));
      now.mockReturnValue(1_000_000 + 15 * 60_000);
      await read('x', bytes('a'));
      now.mockReturnValue(1_000_000 + 30 * 60_000 + 1);
      await read('x', bytes('a'));
    } finally {
      now.mockRestore();
    }
    expect(parsed).toEqual(['x:a', 'x:a']);
  });

  it('leaves an empty upload to the parser (which refuses it)', async () => {
    const cache = new ParsedUploads<string[]>();
    await expect(
      cache.read(
        'x',
        undefined,
        () => Promise.reject(new Error('no file')),
        () => 0,
      ),
    ).rejects.toThrow('no file');
  });
});
