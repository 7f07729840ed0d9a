import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The packages that load on first use (lazy.ts, exceljs.ts) stay out of the server's start: one value import of
 * any of them elsewhere in the server's code would load it in every node again (some 25 MB of an idle server).
 * Type-only imports are erased by the compiler and cost nothing.
 */
const lazyPackages = ['pdfkit', 'docx', 'jszip', 'exceljs', 'pg', 'pg-copy-streams'];
const loaders = new Set(['platform/lazy.ts', 'platform/exceljs.ts']);
const serverRoot = path.resolve(import.meta.dirname, '..');

function serverSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverSources(full);
    return entry.name.endsWith('.ts') && !/\.(test|fixture|seed)\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe('packages loaded on first use', () => {
  it('no server module outside their loaders imports them as values', () => {
    const offenders: string[] = [];
    const importFrom = /^\s*(import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm;
    for (const file of serverSources(serverRoot)) {
      const relative = path.relative(serverRoot, file);
      if (loaders.has(relative)) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(importFrom)) {
        if (lazyPackages.includes(match[2]!)) offenders.push(`${relative}: ${match[2]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
