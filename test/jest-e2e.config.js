/**
 * HTTP tests against the real app and a fresh, migrated database per file:
 * in-memory SQLite by default, a new MariaDB/MySQL database with TEST_DB=mysql (see test/utils/test-database.ts).
 *
 * On MariaDB the per-role console browser specs are left out: the console calls the same services the API suites
 * cover on both databases, and the full-year walk (test/console/year-walk.e2e-spec.ts) runs the browser on both.
 */
const mysql = process.env.TEST_DB === 'mysql';

module.exports = {
  ...require('../jest.shared'),
  rootDir: '..',
  testRegex: 'test/.*\\.e2e-spec\\.ts$',
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(mysql ? ['test/console/console-(planner-year|admin-year|evaluation-head|province)\\.e2e-spec\\.ts$'] : []),
  ],
  testTimeout: 60000,
  maxWorkers: 2,
};
