import { describe, it } from 'vitest';
import { postgresAdminUrl } from '../support/pg-databases.js';

// Attack 2 (the threshold k, on the full core) again, with Cairn on PostgreSQL.
if (postgresAdminUrl() || process.env.CAIRN_REQUIRE_POSTGRES === '1') {
  process.env.CAIRN_TEST_ENGINE = 'postgres';
  await import('./threshold-core.property.test.js');
} else {
  describe.skip('threshold on PostgreSQL (PostgreSQL not installed)', () => it('skipped', () => {}));
}
