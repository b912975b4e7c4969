import { afterAll, describe, it } from 'vitest';
import { postgresAdminUrl } from '../support/pg-databases.js';

// Attack 4 (isolation between groups) again, with Cairn on PostgreSQL: the same file, its harness on a
// database of the test server (test/support/harness.ts reads CAIRN_TEST_ENGINE).
if (postgresAdminUrl() || process.env.CAIRN_REQUIRE_POSTGRES === '1') {
  process.env.CAIRN_TEST_ENGINE = 'postgres';
  // The variable must not outlive this file (a worker process may run other files after it).
  afterAll(() => {
    delete process.env.CAIRN_TEST_ENGINE;
  });
  await import('./isolation.test.js');
} else {
  describe.skip('isolation on PostgreSQL (PostgreSQL not installed)', () => it('skipped', () => {}));
}
