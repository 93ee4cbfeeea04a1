/** Unit tests: pure domain functions and services with strict mocks, next to the code they test. */
module.exports = {
  ...require('./jest.shared'),
  rootDir: 'src',
  testRegex: '.*\\.spec\\.ts$',
};
