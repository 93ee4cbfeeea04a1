/**
 * A minimal require hook compiling TypeScript with SWC (the same settings as jest.shared.js), so the national-recap
 * child process measures the recap's memory, not the TypeScript compiler that ts-node keeps loaded (~100 MB).
 * Production runs compiled JavaScript; this is the closest in-tree equivalent without a build.
 */
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook, loaded with node -r */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
  sourceMaps: false,
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
