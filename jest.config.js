/** Unit tests: pure domain functions and services with strict mocks, next to the code they test. */
module.exports = {
  rootDir: 'src',
  testRegex: '.*\\.spec\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: '<rootDir>/../tsconfig.json' }] },
  testEnvironment: 'node',
};
