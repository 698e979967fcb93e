import { defineConfig } from 'vitest/config';

// The opt-in Salesforce CLI suite (npm run test:sf-cli): its files end in .sf-cli.ts so neither
// npm test nor the local-org project picks them up. The CLI runs as child processes against a
// local org on 127.0.0.1; the test process itself makes no other network calls.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    name: 'sf-cli',
    include: ['packages/local-org/test/sf-cli/**/*.sf-cli.ts'],
    setupFiles: ['packages/local-org/test/support/no-network.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
