#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx shuangyong` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
