import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../src/server/db/dialect.ts';
import { dashboardsBenchmark } from './dashboards.bench.ts';
import { demoBenchmark } from './demo.bench.ts';
import { importBenchmark } from './import.bench.ts';
import { lettersBenchmark } from './letters.bench.ts';
import type { Benchmark, BenchResult } from './lib.ts';
import { loadBenchmark } from './load.ts';
import { registrySearchBenchmark } from './registry-search.bench.ts';
import { rosterBenchmark } from './roster.bench.ts';
import { serverRssBenchmark } from './server-rss.bench.ts';
import { visitHttpBenchmark } from './visit-http.bench.ts';

/**
 * `npm run bench [-- --quick] [-- --only NAME] [-- --engine sqlite|postgres]`: every benchmark on both
 * engines, each against its own baseline measured in the same run; writes bench/results.json and RESULTS.md.
 */
const benchmarks: Benchmark[] = [
  demoBenchmark,
  lettersBenchmark,
  rosterBenchmark,
  registrySearchBenchmark,
  dashboardsBenchmark,
  importBenchmark,
  visitHttpBenchmark,
  loadBenchmark,
  serverRssBenchmark,
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const engineArg = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : undefined;
const engines: Engine[] = engineArg === 'sqlite' || engineArg === 'postgres' ? [engineArg] : ['sqlite', 'postgres'];
const postgresUrl =
  process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const results: BenchResult[] = [];
for (const bench of benchmarks.filter((b) => !only || b.name.includes(only))) {
  for (const engine of engines) {
    process.stderr.write(`运行基准 ${bench.name}（${engine}${quick ? '，快速' : ''}）……\n`);
    const rows = await bench.run({ engine, scale: quick ? 0.1 : 1, postgresUrl });
    for (const r of rows)
      process.stderr.write(
        `  ${r.name}: ${r.value} ${r.unit}，基线 ${r.baseline ?? '—'}，比值 ${r.ratio ?? '—'}，目标 ${r.target} ${r.met ? '✓' : '✗'}\n`,
      );
    results.push(...rows);
  }
}

const dir = import.meta.dirname;
writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const lines = [
  '# Benchmark results',
  '',
  `${new Date().toISOString().slice(0, 10)} · ${machine}${quick ? ' · quick (a tenth of the size)' : ''}`,
  '',
  '| benchmark | engine | value | baseline | ratio | target | met |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.engine} | ${r.value} ${r.unit} | ${r.baseline ?? '—'} | ${r.ratio ?? '—'} | ${r.target} | ${r.met ? 'yes' : 'no'} |`,
  ),
  '',
];
writeFileSync(path.join(dir, 'RESULTS.md'), lines.join('\n'));
process.stderr.write(`已写入 bench/results.json 与 bench/RESULTS.md（${results.length} 项）。\n`);
