import { defineProject } from 'vitest/config';

// The local org's own tests: unit tests of its parts and conformance tests through jsforce
// against a real server on a 127.0.0.1 ephemeral port. No Redis; the internet is blocked.
export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    name: 'local-org',
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/no-network.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
