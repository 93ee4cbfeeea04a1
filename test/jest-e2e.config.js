/**
 * HTTP tests against the real app and a fresh, migrated database per file:
 * in-memory SQLite by default, a new MariaDB/MySQL database with TEST_DB=mysql (see test/utils/test-database.ts).
 */
module.exports = {
  ...require('../jest.shared'),
  rootDir: '..',
  testRegex: 'test/.*\\.e2e-spec\\.ts$',
  testTimeout: 60000,
  maxWorkers: 2,
};
