import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * The server as production runs it (`npm start`): the TypeScript bundled into plain ES modules once, run by
 * node without a TypeScript loader. A node then starts in a fraction of the time and holds about 60 MB less
 * memory than under tsx, which compiles every file at start and keeps the results. Packages stay in
 * node_modules (not bundled). The output folder must lie two levels below the project root, as src/server
 * does: the server finds package.json and dist/web relative to its own file.
 */
const root = path.resolve(import.meta.dirname, '..');

/** Entry points: the server, the CLI, and the demo loader's worker (found next to the bundle that starts it). */
export const serverEntryPoints: Record<string, string> = {
  main: 'src/server/main.ts',
  cli: 'src/cli/main.ts',
  'people-worker': 'src/server/demo/people-worker.ts',
};

/** Bundles `entryPoints` (paths from the project root, by output name) into `outdir`; answers its full path. */
export async function buildServer(outdir = 'dist/server', entryPoints = serverEntryPoints): Promise<string> {
  const out = path.resolve(root, outdir);
  await build({
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
