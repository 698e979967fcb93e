import { defineConfig } from 'vitest/config';

// Three tiers of dealrisk's own tests, chosen by folder: unit (pure code, no network), component
// (real Redis and real HTTP servers on 127.0.0.1 ephemeral ports) and e2e (the CLI as a process);
// plus the local org's package, its own project. Every project blocks the internet.
// The `source` condition resolves the workspace packages to their TypeScript sources.
const shared = { setupFiles: ['test/support/no-network.ts'], testTimeout: 20_000, hookTimeout: 30_000 };
const resolve = { conditions: ['source'] };

export default defineConfig({
  test: {
    projects: [
      { resolve, ssr: { resolve }, test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'], benchmark: { include: ['bench/**/*.bench.ts'] } } },
      {
        resolve,
        ssr: { resolve },
        test: { ...shared, name: 'component', include: ['test/component/**/*.test.ts'], globalSetup: ['test/support/redis-global-setup.ts'] },
      },
      {
        resolve,
        ssr: { resolve },
        test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/support/redis-global-setup.ts'], testTimeout: 60_000 },
      },
      'packages/local-org',
    ],
  },
});
