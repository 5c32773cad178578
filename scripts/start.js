#!/usr/bin/env node
// `npm start`: build the web app if it is missing or stale, then serve Kedang on the configured database.
import { register } from 'tsx/esm/api';
import { ensureWebBuilt } from './build-web.js';

await ensureWebBuilt();
register();
const { runCli } = await import('../src/cli/main.ts');
await runCli([process.argv[0], 'kedang', 'serve', ...process.argv.slice(2)]);
