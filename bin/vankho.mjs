#!/usr/bin/env node
// The `vankho` command: runs the CLI from its TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
