import { buildApp } from './app.ts';
import { openContext } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { demoAccountsTable, disableDemoAccounts, ensureDemoDeployment } from './demo/demo.service.ts';
import { heapCeiling } from './platform/heap.ts';

const config = loadConfig();
const ctx = await openContext(config);
if (config.demo) {
  const loaded = await ensureDemoDeployment(ctx, config.demoDeployment, (line) => process.stdout.write(`${line}\n`));
  if (loaded) process.stdout.write(`\n演示账号（仅演示模式有效）：\n${demoAccountsTable(loaded)}\n\n`);
} else {
  const disabled = await disableDemoAccounts(ctx);
  if (disabled > 0) process.stdout.write(`非演示模式：已停用 ${disabled} 个演示账号。\n`);
}
const app = await buildApp(ctx, { logger: true });
// Under load the requests waiting seconds for the database outlive young-generation collections: their garbage is
// promoted, and V8 lets the old generation grow to some 3 times what is alive before collecting it (200 visitors:
// 63 MB alive, 205 MB used, 310 MB resident). A full collection whenever the heap has grown by 64 MB since the last
// keeps it under 150 MB (peak 310 -> 210 MB resident once logged in), at two pauses a minute of such load
// (80-200 ms on a busy 2-core machine, where a visit's p99 was 2.5 s).
setInterval(heapCeiling(64), 1000).unref();
const close = async () => {
  await app.close();
  await ctx.close();
  process.exit(0);
};
process.once('SIGINT', close);
process.once('SIGTERM', close);
await app.listen({ port: config.port, host: config.host });
process.stdout.write(`双拥工作平台已启动：http://localhost:${config.port}  数据库：${ctx.engine}\n`);
