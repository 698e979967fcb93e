#!/usr/bin/env bash
# npm run test:sf-cli: the Salesforce CLI 2.138.0 (the last that runs on Node 20, with
# @jsforce/jsforce-node pinned to 3.10.15) against the local org. Installs the CLI into this
# folder once (about 300 MB, not part of npm ci), then runs the sf-cli tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
if [ ! -x "$here/node_modules/.bin/sf" ] || ! grep -q '"version": "2.138.0"' "$here/node_modules/@salesforce/cli/package.json"; then
  echo "installing @salesforce/cli 2.138.0 into $here/node_modules (once)…"
  npm ci --prefix "$here" --workspaces=false --no-audit --no-fund --ignore-scripts
fi
cd "$root"
exec npx vitest run --config packages/local-org/test/sf-cli/vitest.config.ts "$@"
