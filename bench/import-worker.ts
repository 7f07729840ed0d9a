import { readFileSync, writeFileSync } from 'node:fs';
import { openContext } from '../src/server/bootstrap.ts';
import type { AppConfig } from '../src/server/config.ts';
import { commitImport, getImport, startImport } from '../src/server/modules/registry/registry-import.service.ts';
import type { Actor } from '../src/server/platform/access.ts';
import { jobSettled } from '../src/server/platform/jobs.ts';
import type { ImportCounts } from '../src/shared/api/registry-import.api.ts';

/**
 * The import of bench/import.bench.ts, in a process of its own so that its peak resident memory is the
 * import's and nothing else's: the upload as the web wizard makes it (validate job, then commit job), timed per
 * phase. Peak RSS is the kernel's high-water mark (reset before each phase, read after it); where the
 * kernel cannot reset it, RSS sampled every 10 ms (only there: a sample costs the import's thread time). Prints one JSON line.
 */
export interface WorkerResult {
  validateMs: number;
  commitMs: number;
  /** CPU time of this process (user + system) per phase: steadier than wall time on a shared machine. */
  validateCpuMs: number;
  commitCpuMs: number;
  rssBeforeMb: number;
  validatePeakMb: number;
  commitPeakMb: number;
  peakRssMb: number;
  peakSource: 'kernel' | 'sampled';
  status: string;
  counts: ImportCounts;
}

const { config, file, actor } = JSON.parse(process.env.SY_IMPORT_BENCH ?? '{}') as {
  config: AppConfig;
  file: string;
  actor: Actor;
};
const ctx = await openContext(config);
const mb = (bytes: number) => bytes / 2 ** 20;
const highWater = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : null;
};
/** Starts a phase: the kernel's high-water mark reset to the current RSS, the sampler restarted. */
let kernel = false;
let sampled = 0;
const resetPeak = () => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    kernel = highWater() !== null;
  } catch {
    kernel = false;
  }
  sampled = process.memoryUsage.rss();
};
const peakOfPhase = () => {
  sampled = Math.max(sampled, process.memoryUsage.rss());
  return mb(kernel ? Math.max(highWater() ?? 0, sampled) : sampled);
};
const rssBefore = process.memoryUsage.rss();
resetPeak();
// Sampling only where the kernel keeps no high-water mark: each sample reads /proc, on the import's own thread.
const sampler = kernel
  ? undefined
  : setInterval(() => {
      sampled = Math.max(sampled, process.memoryUsage.rss());
    }, 10);
const bytes = readFileSync(file);
const name = file.split('/').pop()!;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpuMs();
const t0 = performance.now();
const started = await startImport(ctx, actor, name, bytes);
await jobSettled(started.jobId);
const validated = await getImport(ctx, actor, started.importId);
if (validated.status !== 'validated') throw new Error(`校验失败：${validated.message}`);
const t1 = performance.now();
const c1 = cpuMs();
const validatePeak = peakOfPhase();
resetPeak();
const commit = await commitImport(ctx, actor, started.importId);
await jobSettled(commit.jobId);
const t2 = performance.now();
const c2 = cpuMs();
const commitPeak = peakOfPhase();
clearInterval(sampler);
const done = await getImport(ctx, actor, started.importId);
const result: WorkerResult = {
  validateMs: t1 - t0,
  commitMs: t2 - t1,
  validateCpuMs: c1 - c0,
  commitCpuMs: c2 - c1,
  rssBeforeMb: mb(rssBefore),
  validatePeakMb: validatePeak,
  commitPeakMb: commitPeak,
  peakRssMb: Math.max(validatePeak, commitPeak),
  peakSource: kernel ? 'kernel' : 'sampled',
  status: done.status,
  counts: validated.counts,
};
await ctx.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
