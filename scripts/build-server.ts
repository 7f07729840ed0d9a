import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * The server as production runs it (`npm start`): the TypeScript bundled into plain ES modules once, run by
 * node without a TypeScript loader. A node then starts in a fraction of the time and holds about 60 MB less
 * memory than under tsx, which compiles every file at start and keeps the results. Packages stay in
 * node_modules (not bundled); those only file work needs (pdfkit, docx, jszip, exceljs, pg) are required on first
 * use (src/server/platform/lazy.ts), so an idle node does not hold them. The output folder must lie two levels below the project root, as src/server
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

/**
 * How node runs the bundle: the environment and node flags of `npm start` (package.json's "start" script, the one
 * definition; the scale-out, crash and load tests and the benchmarks start their bundles with the same). There:
 * - `--expose-gc`, for heapCeiling (platform/heap.ts);
 * - `MALLOC_MMAP_THRESHOLD_`: a login's argon2 hash takes a 19 MiB block from malloc on one of libuv's 4 threads.
 *   glibc raises its mmap threshold past that size after the first such block, so the next ones come from each
 *   thread's own arena and stay there after being freed: some 77 MB of the server's memory held for good once 4
 *   logins have overlapped (200 visitors logging in: 66 -> 143 MB outside the JS heap, never back). A fixed
 *   threshold keeps such blocks mapped apart and returned to the system when the hash is done (143 -> 65 MB).
 */
export function serverCommand(): { env: Record<string, string>; nodeArgs: string[] } {
  const start: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  const words = start.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [name, value] = words.shift()!.split(/=(.*)/);
    env[name!] = value!;
  }
  if (words.shift() !== 'node') throw new Error(`package.json 的 start 脚本应以 node 启动服务器：${start}`);
  return { env, nodeArgs: words.filter((w) => w.startsWith('--')) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
