import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/permissions.ts';
import { roleLabels } from '../../shared/permissions.ts';
import type { AppContext } from '../context.ts';
import { insertRegion } from '../modules/regions/regions.repo.ts';
import { getSetting, putSetting } from '../modules/settings/settings.repo.ts';
import { insertUnit } from '../modules/units/units.repo.ts';
import { insertUser } from '../modules/users/users.repo.ts';
import { systemActor } from '../platform/access.ts';
import { appendAudit } from '../platform/audit.ts';
import { nowIso } from '../platform/clock.ts';
import { hashPassword } from '../platform/passwords.ts';
import { type DemoDeployment, type DemoRegion, deployments } from './deployments.ts';
import { insertDemoPeople } from './people.ts';

/** The one password of every demo account. Valid only while the server runs in demo mode. */
export const demoPassword = 'Demo-2026-sy';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  scope: string;
}

export interface LoadDemoOptions {
  deployment: 'putuo' | 'karamay';
  people: number;
  onProgress?: (done: number, total: number) => void;
  /** Seeded randomness, so the same options give the same people. */
  seed?: number;
}

/**
 * Loads a demo deployment into an empty database. Seeding is a system operation: it writes through the
 * repositories in bulk and leaves one audit record for the whole load rather than one per row.
 */
export async function loadDemo(ctx: AppContext, options: LoadDemoOptions): Promise<DemoAccount[]> {
  const existing = await ctx.db.selectFrom('regions').select('id').limit(1).executeTakeFirst();
  if (existing) {
    throw new AppError(
      'INVALID_STATE',
      '数据库中已有数据，演示数据只能载入空数据库。请换一个 DATA_DIR（或新的 DATABASE_URL）后重试。',
    );
  }
  const deployment = deployments[options.deployment];
  const now = nowIso();
  const passwordHash = await hashPassword(demoPassword);

  const { accounts, regionIds } = await ctx.db.transaction().execute(async (trx) => {
    const regionIds = new Map<string, number>();
    const addTree = async (node: DemoRegion, parentId: number | null, sort: number) => {
      const id = await insertRegion(trx, { code: node.code, name: node.name, level: node.level, parentId, sort });
      regionIds.set(node.code, id);
      for (const [i, child] of (node.children ?? []).entries()) await addTree(child, id, i);
    };
    await addTree(deployment.tree, null, 0);
    const own = regionIds.get(deployment.ownCode)!;

    const unitIds = new Map<string, number>();
    for (const u of deployment.units) {
      const id = await insertUnit(
        trx,
        {
          kind: u.kind,
          name: u.name,
          region_id: own,
          designation_enc: u.designation ? ctx.cipher.encrypt(u.designation) : null,
          contact_name: u.contactName ?? null,
          contact_phone_enc: u.contactPhone ? ctx.cipher.encrypt(u.contactPhone) : null,
          address: u.address ?? null,
          active: 1,
        },
        now,
      );
      unitIds.set(u.name, id);
    }
    // Every 街道/镇 (and, in a city, every 区) is also an org unit, so notices and requests can be assigned to it.
    const addOfficeUnits = async (node: DemoRegion) => {
      const kind =
        node.level === 'street' || node.level === 'town'
          ? 'street_office'
          : node.level === 'district' && node.code !== deployment.ownCode
            ? 'department'
            : null;
      if (kind) {
        const name =
          kind === 'street_office'
            ? `${node.name}${node.level === 'town' ? '人民政府' : '办事处'}`
            : `${node.name}退役军人事务局`;
        await insertUnit(
          trx,
          {
            kind,
            name,
            region_id: regionIds.get(node.code)!,
            designation_enc: null,
            contact_name: null,
            contact_phone_enc: null,
            address: null,
            active: 1,
          },
          now,
        );
      }
      for (const child of node.children ?? []) await addOfficeUnits(child);
    };
    await addOfficeUnits(deployment.tree);

    const accounts = demoAccounts(deployment, regionIds, unitIds);
    for (const a of accounts) {
      await insertUser(
        trx,
        {
          username: a.username,
          displayName: a.displayName,
          passwordHash,
          role: a.role,
          regionId: a.regionId,
          unitId: a.unitId,
          mustChangePassword: false,
        },
        now,
      );
    }
    await putSetting(trx, 'ui.script', deployment.script);
    await putSetting(trx, 'deployment.regionCode', deployment.ownCode);
    await putSetting(trx, 'demo.deployment', deployment.key);
    await putSetting(trx, 'demo.users', JSON.stringify(accounts.map((a) => a.username)));
    await appendAudit(trx, systemActor('演示数据'), {
      action: 'import',
      entityType: 'demo',
      summary: `载入演示部署 ${deployment.key}（${options.people} 名虚构优抚对象）`,
    });
    return { accounts, regionIds };
  });

  await insertDemoPeople(ctx, deployment, regionIds, options);
  return accounts.map(({ username, role, displayName, scope }) => ({ username, role, displayName, scope }));
}

function demoAccounts(d: DemoDeployment, regionIds: Map<string, number>, unitIds: Map<string, number>) {
  const regionName = (code: string) => findName(d.tree, code) ?? code;
  const ownName = regionName(d.ownCode);
  const department = d.units.find((u) => u.kind === 'department' && /教育/.test(u.name))!;
  const troop = d.units.find((u) => u.kind === 'military')!;
  const rows: (DemoAccount & { regionId: number | null; unitId: number | null })[] = [
    { username: 'admin', role: 'admin', displayName: '系统管理员', scope: '全部', regionId: null, unitId: null },
    {
      username: 'office',
      role: 'office',
      displayName: `${ownName}双拥办`,
      scope: ownName,
      regionId: regionIds.get(d.ownCode)!,
      unitId: null,
    },
    {
      username: 'street',
      role: 'street',
      displayName: `${regionName(d.demoStreetCode)}工作人员`,
      scope: regionName(d.demoStreetCode),
      regionId: regionIds.get(d.demoStreetCode)!,
      unitId: null,
    },
    {
      username: 'community',
      role: 'community',
      displayName: `${regionName(d.demoCommunityCode)}工作人员`,
      scope: regionName(d.demoCommunityCode),
      regionId: regionIds.get(d.demoCommunityCode)!,
      unitId: null,
    },
    {
      username: 'department',
      role: 'department',
      displayName: `${department.name}联络员`,
      scope: department.name,
      regionId: null,
      unitId: unitIds.get(department.name)!,
    },
    {
      username: 'troop',
      role: 'troop',
      displayName: `${troop.name}联络员`,
      scope: troop.name,
      regionId: null,
      unitId: unitIds.get(troop.name)!,
    },
    {
      username: 'leader',
      role: 'leader',
      displayName: `${ownName}领导`,
      scope: ownName,
      regionId: regionIds.get(d.ownCode)!,
      unitId: null,
    },
    { username: 'auditor', role: 'auditor', displayName: '审计员', scope: '审计日志', regionId: null, unitId: null },
  ];
  return rows;
}

function findName(node: DemoRegion, code: string): string | undefined {
  if (node.code === code) return node.name;
  for (const c of node.children ?? []) {
    const found = findName(c, code);
    if (found) return found;
  }
  return undefined;
}

export function demoAccountsTable(accounts: DemoAccount[]): string {
  const lines = accounts.map((a) => `  ${a.username.padEnd(11)} ${roleLabels[a.role]}（${a.scope}）`);
  return [...lines, `  密码（全部账号）：${demoPassword}`].join('\n');
}

/**
 * Server start in demo mode: an empty database gets the demo deployment. Outside demo mode, demo
 * accounts are switched off, so demo passwords never work in production.
 */
export async function ensureDemoDeployment(
  ctx: AppContext,
  deployment: 'putuo' | 'karamay',
  log: (line: string) => void,
): Promise<DemoAccount[] | null> {
  const anyUser = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return null;
  log(`数据库为空，正在载入演示部署（${deployment === 'putuo' ? '上海市普陀区' : '克拉玛依市'}）……`);
  return loadDemo(ctx, { deployment, people: 3000 });
}

export async function disableDemoAccounts(ctx: AppContext): Promise<number> {
  const list = await getSetting(ctx.db, 'demo.users');
  if (!list) return 0;
  const usernames = JSON.parse(list) as string[];
  const result = await ctx.db
    .updateTable('users')
    .set({ active: 0, updated_at: nowIso() })
    .where('username', 'in', usernames.length ? usernames : ['-'])
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
