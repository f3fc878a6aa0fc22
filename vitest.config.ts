import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: on the 2-core CI machine that ran every file one after
    // the other. The integration files mostly wait (fsync, PostgreSQL, hub processes, sockets), so three at a time
    // keeps `npm test` well under 15 minutes; each file has its own hub, port, data dir and database.
    maxWorkers: 3,
  },
});
