#!/usr/bin/env node
// The package's executable: runs the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import { runAsProcess } from '../dist/src/cli/main.js';

await runAsProcess();
