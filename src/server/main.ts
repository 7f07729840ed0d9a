import { buildApp } from './app.ts';
import { openContext } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { demoAccountsTable, disableDemoAccounts, ensureDemoDeployment } from './demo/demo.service.ts';

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
const close = async () => {
  await app.close();
  await ctx.close();
  process.exit(0);
};
process.once('SIGINT', close);
process.once('SIGTERM', close);
await app.listen({ port: config.port, host: config.host });
process.stdout.write(`双拥工作平台已启动：http://localhost:${config.port}  数据库：${ctx.engine}\n`);
