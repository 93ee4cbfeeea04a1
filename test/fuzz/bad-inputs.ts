import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * Turns one operation of the served OpenAPI document into fast-check arbitraries of bad requests: wrong types,
 * nulls, huge numbers and strings, deep nesting, corrupt or unknown encodings, unknown keys, bad query parameters,
 * bad path ids and bad uploads. Every JSON body starts from a valid body and breaks one thing, so the defect (not
 * some other missing field) is what the service has to refuse.
 */

/** The part of an OpenAPI schema object the generators read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface OpenApiOperation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  method: HttpMethod;
  /** The path in Nest form (/api/v1/skpd/:id), the key the access-control fixtures use. */
  path: string;
  query: { name: string; schema: Schema }[];
  /** application/json or multipart/form-data body schema, $refs resolved. */
  body?: { kind: 'json' | 'multipart'; schema: Schema };
}

export type RequestBody =
  | { kind: 'json'; text: string }
  | { kind: 'raw'; contentType: string; contentEncoding?: string; bytes: Uint8Array }
  | { kind: 'multipart'; fields: Record<string, string>; file?: { field: string; name: string; bytes: Uint8Array } };

export interface BadInput {
  category: string;
  /** Short description of the defect, for the failure list. */
  summary: string;
  /** Replaces one path parameter ("<segment>/:<param>" key, as test/access/routes.ts paramKeys) by a raw segment. */
  pathId?: { key: string; segment: string };
  /** Raw query string, without "?". */
  query?: string;
  body?: RequestBody;
}

/** What the generators start from: a valid body of the route (test/access/tenant-fixtures.ts BODIES), if any. */
export interface BaseRequest {
  body?: Record<string, unknown>;
  pathKeys: string[];
}

const HUGE_STRING = 100 * 1024;
/** Long query values stay below Node's 16 KB header limit, which Node answers by itself (431, no JSON body). */
const LONG_QUERY_VALUE = 4 * 1024;
const DEEP = { min: 2_000, max: 3_000 };

/** Every operation of the document, $refs resolved. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const resolve = (s: Schema | undefined, seen = new Set<string>()): Schema | undefined => {
    if (!s) return s;
    if (s.$ref) {
      if (seen.has(s.$ref)) return {};
      const target = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')];
      return resolve(target, new Set([...seen, s.$ref]));
    }
    if (s.allOf?.length === 1) return resolve({ ...s.allOf[0], ...s, allOf: undefined }, seen);
    return {
      ...s,
      items: resolve(s.items, seen),
      properties: s.properties
        ? Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, seen)!]))
        : undefined,
    };
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      const kind = content['application/json'] ? 'json' : content['multipart/form-data'] ? 'multipart' : undefined;
      return {
        method: method.toUpperCase() as HttpMethod,
        path: path.replace(/\{([^}]+)\}/g, ':$1'),
        query: (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: resolve(p.schema) ?? {} })),
        body: kind
          ? { kind, schema: resolve(content[kind === 'json' ? 'application/json' : 'multipart/form-data'].schema)! }
          : undefined,
      };
    }),
  );
}

// ---- values that no schema of the given kind accepts --------------------------------------------------------------

/** 1e23 is what JSON.parse makes of 99999999999999999999999 (sent as digits in queries, paths and strings). */
const HUGE_NUMBERS = [1e20, 1e23, Number.MAX_VALUE];
const NUMBER_AS_TEXT = ['abc', 'NaN', '1e20', '99999999999999999999999', '-1', 'Infinity', ''];

/** JSON values the schema refuses: wrong types, null where not nullable, out of range, too long, not in the enum. */
export function invalidValue(s: Schema, allowHuge: boolean): fc.Arbitrary<unknown> {
  const type = s.enum ? 'enum' : s.type;
  const options: fc.Arbitrary<unknown>[] = [
    type === 'object' ? fc.constant([[]]) : fc.constantFrom({}, [[]], { constructor: {} }),
  ];
  if (!s.nullable) options.push(fc.constant(null));
  if (type === 'number' || type === 'integer') {
    options.push(fc.constantFrom<unknown>(...NUMBER_AS_TEXT, true, [1]));
    if (s.maximum !== undefined) options.push(fc.constantFrom(...HUGE_NUMBERS));
    if (s.minimum !== undefined) options.push(fc.constantFrom(s.minimum - 1, -1e20).filter((n) => n < s.minimum!));
  } else if (type === 'boolean') {
    options.push(fc.constantFrom<unknown>('true', 'yes', 1, 0, 'false'));
  } else if (type === 'array') {
    options.push(fc.constantFrom<unknown>('x', 1, true, { 0: 'x' }));
    options.push(fc.constantFrom<unknown>([[]], [[[]]], [null], [1e20], ['x'.repeat(64)], [{ constructor: 1 }]));
    if (s.minItems) options.push(fc.constant([]));
  } else if (type === 'object') {
    options.push(fc.constantFrom<unknown>('x', 1, true, []));
  } else {
    // string-like: enum, uuid, date-time or free text
    options.push(fc.constantFrom<unknown>(12345, true, ['x'], 1e20));
    if (s.enum) options.push(fc.constantFrom('NOT_IN_ENUM', String(s.enum[0]).toLowerCase() + '_', ' '));
    if (s.format === 'uuid') options.push(fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000g'));
    if (s.format === 'date-time' || s.format === 'date') options.push(fc.constantFrom('not-a-date', '2026-13-45'));
    if (s.maxLength !== undefined)
      options.push(fc.constant('x'.repeat(allowHuge ? Math.max(HUGE_STRING, s.maxLength + 1) : s.maxLength + 1)));
    if (s.minLength) options.push(fc.constant(''));
  }
  return fc.oneof(...options);
}

/** Query values the parameter refuses (as raw text, already encoded where needed), or it given twice. */
function invalidQueryValue(s: Schema): fc.Arbitrary<string[]> {
  const type = s.enum ? 'enum' : s.type;
  const values = ['%00', '%E0%A4%A', '[object Object]', 'null', 'x'.repeat(LONG_QUERY_VALUE)];
  if (type === 'number' || type === 'integer') values.push(...NUMBER_AS_TEXT, '1.5', '0x10');
  if (s.enum) values.push('NOT_IN_ENUM', 'yes');
  if (s.format === 'uuid') values.push('not-a-uuid');
  if (s.maxLength !== undefined) values.push('x'.repeat(Math.min(s.maxLength + 1, LONG_QUERY_VALUE)));
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...values).map((v) => [v]) },
    { weight: 1, arbitrary: fc.constantFrom(['1', '2'], ['1e20', '1']).map((v) => [...v]) },
  );
}

const enc = encodeURIComponent;

// ---- the bad-input categories -------------------------------------------------------------------------------------

const BAD_IDS = [
  'abc',
  '-1',
  '0',
  '1e20',
  '99999999999999999999999',
  'NaN',
  'null',
  'undefined',
  '%00',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '00000000-0000-0000-0000-000000000000',
  "1'%20OR%20'1'%3D'1",
  '%7B%22a%22%3A1%7D',
  'x'.repeat(2_000),
];

/** A bad id in one path parameter; the rest of the request (body included) is valid. */
const pathIds = (keys: string[], body: RequestBody | undefined): fc.Arbitrary<BadInput> =>
  fc
    .record({ key: fc.constantFrom(...keys), segment: fc.oneof(fc.constantFrom(...BAD_IDS), fc.uuid()) })
    .map((pathId) => ({ category: 'path-id', summary: `${pathId.key}=${pathId.segment.slice(0, 40)}`, pathId, body }));

/** One arbitrary per query parameter. */
const queryValues = (op: Operation): fc.Arbitrary<BadInput>[] =>
  op.query.map((p) =>
    invalidQueryValue(p.schema).map((values) => ({
      category: 'query-value',
      summary: `${p.name}=${values.join('&').slice(0, 40)}`,
      query: values.map((v) => `${enc(p.name)}=${/%/.test(v) ? v : enc(v)}`).join('&'),
    })),
  );

const UNKNOWN_QUERY = ['constructor=1', '__proto__=1', '__proto__%5Bx%5D=1', 'toString=1', 'zzz=1', 'page%5Ba%5D=1'];
const queryUnknown = (): fc.Arbitrary<BadInput> =>
  fc.constantFrom(...UNKNOWN_QUERY).map((query) => ({ category: 'query-unknown', summary: query, query }));

const json = (value: unknown): RequestBody => ({ kind: 'json', text: JSON.stringify(value) });

/** Where a field can be broken: top-level properties, and the properties of the first item of an array of objects. */
function fieldSlots(schema: Schema, body: Record<string, unknown>): { path: (string | number)[]; schema: Schema }[] {
  const slots: { path: (string | number)[]; schema: Schema }[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.format === 'binary') continue;
    slots.push({ path: [name], schema: prop });
    const first = (body[name] as unknown[] | undefined)?.[0];
    if (prop.type === 'array' && prop.items?.properties && first && typeof first === 'object')
      for (const [sub, subSchema] of Object.entries(prop.items.properties))
        slots.push({ path: [name, 0, sub], schema: subSchema });
  }
  return slots;
}

/** A copy of body with the value at path replaced. */
function withValue(body: Record<string, unknown>, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

/**
 * One arbitrary per field: random invalid values, plus the values every field must be checked against whatever the
 * random draw (null where the field is not nullable, an empty array as the item of an array of objects).
 */
const jsonFields = (schema: Schema, body: Record<string, unknown>): fc.Arbitrary<BadInput>[] =>
  fieldSlots(schema, body).flatMap((slot) => {
    const input = (value: unknown): BadInput => ({
      category: 'json-field',
      summary: `${slot.path.join('.')}=${summarise(value)}`,
      body: json(withValue(body, slot.path, value)),
    });
    const always = [
      ...(slot.schema.nullable ? [] : [null]),
      ...(slot.schema.type === 'array' && slot.schema.items?.properties ? [[[]], [[[]]]] : []),
    ];
    // A 100 KB string on one draw in five: the rest stay small so the suite stays fast.
    const random = fc.integer({ min: 0, max: 4 }).chain((dice) => invalidValue(slot.schema, dice === 0).map(input));
    return [random, ...always.map((value) => fc.constant(input(value)))];
  });

/** Unknown keys are added to the JSON text, so `__proto__` is sent as an own key and not eaten by JSON.stringify. */
const UNKNOWN_KEYS = ['constructor', '__proto__', 'prototype', 'isAdmin', 'regionId', 'id', 'createdAt', 'zzz'];
const jsonUnknownKeys = (body: Record<string, unknown>): fc.Arbitrary<BadInput> => {
  const nested = Object.keys(body).filter(
    (k) => Array.isArray(body[k]) && typeof (body[k] as unknown[])[0] === 'object',
  );
  return fc
    .record({
      key: fc.constantFrom(...UNKNOWN_KEYS),
      value: fc.constantFrom<unknown>({ isAdmin: true }, { prototype: { polluted: 1 } }, 1, 'x', null),
      inItem: nested.length ? fc.option(fc.constantFrom(...nested)) : fc.constant(null),
    })
    .map(({ key, value, inItem }) => {
      const extra = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
      const addTo = (o: object) => {
        const text = JSON.stringify(o);
        return text === '{}' ? `{${extra}}` : `${text.slice(0, -1)},${extra}}`;
      };
      const text = inItem
        ? addTo({ ...body, [inItem]: undefined }).replace(
            /}$/,
            `,${JSON.stringify(inItem)}:[${addTo((body[inItem] as object[])[0])}]}`,
          )
        : addTo(body);
      return {
        category: 'unknown-key',
        summary: `${inItem ? `${inItem}[0].` : ''}${extra}`,
        body: { kind: 'json', text },
      };
    });
};

const jsonShapes = (): fc.Arbitrary<BadInput> =>
  fc
    .constantFrom('[]', '[{}]', 'null', '"x"', '123', 'true', '{"":""}', '[' + '1,'.repeat(5_000) + '1]')
    .map((text) => ({ category: 'body-shape', summary: text.slice(0, 20), body: { kind: 'json', text } }));

const deepNesting = (body: Record<string, unknown>): fc.Arbitrary<BadInput> =>
  fc
    .record({
      depth: fc.integer(DEEP),
      open: fc.constantFrom('[', '{"a":'),
      asField: fc.option(fc.constantFrom(...Object.keys(body), 'zzz')),
    })
    .map(({ depth, open, asField }) => {
      const close = open === '[' ? ']' : '}';
      const nested = open.repeat(depth) + (open === '[' ? '' : '1') + close.repeat(depth);
      const text = asField
        ? JSON.stringify({ ...body, [asField]: 0 }).replace(
            `${JSON.stringify(asField)}:0`,
            `${JSON.stringify(asField)}:${nested}`,
          )
        : nested;
      return {
        category: 'deep-nesting',
        summary: `${depth} levels of ${open}${asField ? ` in ${asField}` : ''}`,
        body: { kind: 'json', text },
      };
    });

/** Junk under a real encoding, a truncated real stream, an unknown encoding, an unknown charset. */
const corruptEncodings = (body: Record<string, unknown>): fc.Arbitrary<BadInput> => {
  const valid = Buffer.from(JSON.stringify(body));
  const raw = (contentEncoding: string | undefined, bytes: Uint8Array, contentType = 'application/json') => ({
    kind: 'raw' as const,
    contentType,
    contentEncoding,
    bytes,
  });
  return fc
    .oneof(
      fc
        .tuple(
          fc.constantFrom('gzip', 'deflate', 'br', 'GZIP', 'x-gzip'),
          fc.uint8Array({ minLength: 1, maxLength: 64 }),
        )
        .map(([e, bytes]) => ({ summary: `${e} junk ${bytes.length} B`, body: raw(e, bytes) })),
      fc.constantFrom('gzip', 'deflate').map((e) => {
        const packed = e === 'gzip' ? gzipSync(valid) : deflateSync(valid);
        return { summary: `truncated ${e}`, body: raw(e, packed.subarray(0, Math.max(3, packed.length - 6))) };
      }),
      fc
        .constantFrom('zstd', 'compress', 'x-evil', 'gzip, br', 'identity, gzip', '')
        .map((e) => ({ summary: `Content-Encoding: ${e}`, body: raw(e, gzipSync(valid)) })),
      fc
        .constantFrom('application/json; charset=klingon', 'application/json; charset=utf-7')
        .map((ct) => ({ summary: ct, body: raw(undefined, valid, ct) })),
    )
    .map((x) => ({ category: 'encoding', ...x }));
};

const malformedJson = (body: Record<string, unknown>): fc.Arbitrary<BadInput> =>
  fc
    .oneof(
      {
        weight: 100,
        arbitrary: fc
          .constantFrom('{', '{"a":}', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', '\u0000', '{"a":"\\u12"}')
          .map((t) => Buffer.from(t)),
      },
      { weight: 40, arbitrary: fc.constant(Buffer.from(JSON.stringify(body).slice(0, -1))) },
      {
        weight: 40,
        arbitrary: fc
          .uint8Array({ minLength: 1, maxLength: 64 })
          // A raw control character inside a string is never valid JSON, whatever bytes follow it.
          .map((b) => Buffer.concat([Buffer.from('{"a":"\u0001'), b, Buffer.from('"}')])),
      },
      // Over the 1 MB body limit, on few runs only: the refusal must come before anything reads it.
      { weight: 1, arbitrary: fc.constant(Buffer.from(`{"a":"${'x'.repeat(1_100_000)}"}`)) },
    )
    .map((bytes) => ({
      category: 'malformed-json',
      summary: `${bytes.length} B: ${bytes.subarray(0, 16).toString('latin1')}`,
      body: { kind: 'raw', contentType: 'application/json', bytes },
    }));

/** Files no upload accepts: wrong types, empty, zip junk; and multipart bodies that are themselves corrupt. */
const UPLOADS: { name: string; bytes: Buffer }[] = [
  { name: 'kosong.xlsx', bytes: Buffer.alloc(0) },
  { name: 'gambar.gif', bytes: Buffer.from('GIF89a\u0001\u0000\u0001\u0000') },
  { name: 'program.exe', bytes: Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000') },
  { name: 'bukti.pdf', bytes: Buffer.from('\u007fELF\u0002\u0001\u0001') },
  { name: 'catatan.txt', bytes: Buffer.from('bukan berkas yang diizinkan') },
  { name: 'halaman.html', bytes: Buffer.from('<html><script>alert(1)</script></html>') },
];
/** One arbitrary per kind of bad upload, so every multipart route gets each kind. */
const badUploads = (fields: Record<string, string>, fileField: string): fc.Arbitrary<BadInput>[] => {
  const multipart = (file: { name: string; bytes: Uint8Array } | undefined, field = fileField, f = fields) => ({
    kind: 'multipart' as const,
    fields: f,
    file: file && { field, ...file },
  });
  const kinds: fc.Arbitrary<Omit<BadInput, 'category'>>[] = [
    fc.record({ file: fc.constantFrom(...UPLOADS), withFields: fc.boolean() }).map(({ file, withFields }) => ({
      summary: `${file.name} (${file.bytes.length} B)${withFields ? '' : ', no other field'}`,
      body: multipart(file, fileField, withFields ? fields : {}),
    })),
    fc.uint8Array({ minLength: 0, maxLength: 256 }).map((junk) => ({
      summary: `zip junk ${junk.length} B`,
      body: multipart({ name: 'rusak.xlsx', bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), junk]) }),
    })),
    fc.constantFrom(
      { summary: 'no file', body: multipart(undefined) },
      { summary: 'file under another field', body: multipart(UPLOADS[1], 'lampiran') },
    ),
    fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=zz').map((contentType) => ({
      summary: `corrupt multipart (${contentType})`,
      body: {
        kind: 'raw' as const,
        contentType,
        bytes: Buffer.from('--zz\r\nContent-Disposition: form-data; name="file"'),
      },
    })),
  ];
  return kinds.map((kind) => kind.map((x) => ({ category: 'upload', ...x })));
};

const formFields = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));

const summarise = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 20)}…(${text.length} chars)` : text;
};

/**
 * The applicable bad-input arbitraries of an operation: one per category, per body field, per query parameter and
 * per kind of bad upload. Reads (GET) get path and query inputs; writes also get every body category their content
 * type allows.
 */
export function badInputArbitraries(op: Operation, base: BaseRequest): fc.Arbitrary<BadInput>[] {
  const arbitraries: (fc.Arbitrary<BadInput> | undefined)[] = [];
  const body = base.body ?? {};
  const validBody: RequestBody | undefined =
    op.body?.kind === 'json'
      ? json(body)
      : op.body?.kind === 'multipart'
        ? { kind: 'multipart', fields: formFields(body) }
        : undefined;
  if (base.pathKeys.length) arbitraries.push(pathIds(base.pathKeys, validBody));
  arbitraries.push(...queryValues(op));
  if (op.method === 'GET') {
    // A read without query parameters ignores unknown ones (a valid request); one with them refuses unknown names.
    if (op.query.length) arbitraries.push(queryUnknown());
    return arbitraries.filter((a) => a !== undefined);
  }
  if (op.body?.kind === 'multipart') {
    const fileField =
      Object.entries(op.body.schema.properties ?? {}).find(([, s]) => s.format === 'binary')?.[0] ?? 'file';
    arbitraries.push(...badUploads(formFields(body), fileField));
  } else if (op.body?.kind === 'json') {
    arbitraries.push(...jsonFields(op.body.schema, body), jsonUnknownKeys(body), jsonShapes());
  }
  // Any JSON sent to a write route is parsed, whether or not the route reads a body.
  arbitraries.push(deepNesting(body), corruptEncodings(body), malformedJson(body));
  return arbitraries.filter((a) => a !== undefined);
}
