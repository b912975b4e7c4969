import { afterAll, describe, it } from 'vitest';
import { postgresAdminUrl } from '../support/pg-databases.js';

// Attack 2 (the threshold k, on the full core) again, with Cairn on PostgreSQL.
if (postgresAdminUrl() || process.env.CAIRN_REQUIRE_POSTGRES === '1') {
  process.env.CAIRN_TEST_ENGINE = 'postgres';
  // The variable must not outlive this file (a worker process may run other files after it).
  afterAll(() => {
    delete process.env.CAIRN_TEST_ENGINE;
  });
  await import('./threshold-core.property.test.js');
} else {
  describe.skip('threshold on PostgreSQL (PostgreSQL not installed)', () => it('skipped', () => {}));
}
