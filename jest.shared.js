/**
 * Shared Jest settings. NestJS 12 and some of its dependencies ship ES modules only; Jest on Node 20
 * cannot require() them, so SWC compiles our TypeScript and those packages to CommonJS.
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2023' }, module: { type: 'commonjs' } }];
const esmOnly = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras', '@borewit'];

module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testEnvironment: 'node',
  // file-type exposes its Node entry only under import/module-sync; point Jest at it (SWC compiles it like the rest).
  moduleNameMapper: { '^file-type$': require.resolve('file-type') },
};
