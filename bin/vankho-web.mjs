#!/usr/bin/env node
// `npm run web`: serves the built renderer and the contract over loopback HTTP.
import { register } from 'tsx/esm/api';

register();
await import('../main/web/main.ts');
