/**
 * HTTP tests against the real app and a fresh, migrated database per file:
 * in-memory SQLite by default, a new MariaDB/MySQL database with TEST_DB=mysql (see test/utils/test-database.ts).
 *
 * On MariaDB (to keep CI within its time) the browser specs of the console and the specs that seed the whole demo
 * to read new features off it (documents, budget, province) are left out: the console and the demo call the same
 * services that the API suites of documents, budget, provinces and pembinaan cover on both databases with their own
 * data; the browser specs and the demo specs run on SQLite. The stored-scores migration round trip on the
 * demo (seed, down, up, every score through the API twice) takes about 4 minutes on MariaDB (the whole demo through
 * a one-connection pool) and is left out there too; run it by hand with `TEST_DB=mysql npx jest --config
 * test/jest-e2e.config.js test/evaluation/stored-scores-migration --testPathIgnorePatterns=/node_modules/` (the path
 * first: that option takes every value after it).
 */
const mysql = process.env.TEST_DB === 'mysql';

module.exports = {
  ...require('../jest.shared'),
  rootDir: '..',
  testRegex: 'test/.*\\.e2e-spec\\.ts$',
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(mysql
      ? [
          'test/console/(year-walk|console-(planner-year|admin-year|evaluation-head|province|pembinaan|budget))\\.e2e-spec\\.ts$',
          'test/(documents/documents-demo|budget/demo-budget|provinces/province-demo)\\.e2e-spec\\.ts$',
          'test/evaluation/stored-scores-migration\\.e2e-spec\\.ts$',
        ]
      : []),
  ],
  testTimeout: 60000,
  maxWorkers: 2,
};
