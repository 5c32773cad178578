#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a clone needs no build step for the CLI or server.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv);
