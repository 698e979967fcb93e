import { defineConfig } from 'vitest/config';

// Three tiers: unit (pure code, no network), component (real Redis and real HTTP servers on
// 127.0.0.1 ephemeral ports) and e2e (the CLI as a process). Every tier blocks the internet.
const shared = { setupFiles: ['test/support/no-network.ts'], testTimeout: 20_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: { ...shared, name: 'component', include: ['test/component/**/*.test.ts'], globalSetup: ['test/support/redis-global-setup.ts'] },
      },
      {
        test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/support/redis-global-setup.ts'], testTimeout: 60_000 },
      },
    ],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
