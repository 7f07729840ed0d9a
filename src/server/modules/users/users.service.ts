import type { z } from 'zod';
import type { createUserRequest, UserItem, updateUserRequest } from '../../../shared/api/users.api.ts';
import { checkPassword } from '../../../shared/domain/password-policy.ts';
import { AppError } from '../../../shared/errors.ts';
import { isRegionScoped, type Role } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { sessionCache } from '../auth/session-cache.ts';
import * as repo from './users.repo.ts';

const toItem = (r: repo.UserRow, now: string): UserItem => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  regionId: r.region_id,
  regionName: r.region_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  active: r.active === 1,
  locked: r.locked_until !== null && r.locked_until > now,
  mustChangePassword: r.must_change_password === 1,
  lastLoginAt: r.last_login_at,
});

export async function listUsers(ctx: AppContext, actor: Actor, q: string | undefined, page: number, pageSize: number) {
  requireCapability(actor, 'users.manage');
  const { items, total } = await repo.listUsers(ctx.db, q, (page - 1) * pageSize, pageSize);
  const now = nowIso();
  return { items: items.map((r) => toItem(r, now)), total, page, pageSize };
}

/** A role needs the anchor its scope is built from: a region for region roles, a unit for liaisons. */
function checkAnchor(role: Role, regionId: number | null, unitId: number | null): void {
  if (isRegionScoped(role) && regionId === null) {
    throw new AppError('VALIDATION_FAILED', '该角色需要指定所属区划（数据范围）。', [
      { path: 'regionId', message: '请选择区划' },
    ]);
  }
  if ((role === 'department' || role === 'troop') && unitId === null) {
    throw new AppError('VALIDATION_FAILED', '联络员需要指定所属单位。', [{ path: 'unitId', message: '请选择单位' }]);
  }
}

function checkInitialPassword(password: string, username: string): void {
  const policy = checkPassword(password, username);
  if (!policy.ok) throw new AppError('WEAK_PASSWORD', `初始密码不符合要求：${policy.problems.join('；')}。`);
}

export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof createUserRequest>,
): Promise<UserItem> {
  requireCapability(actor, 'users.manage');
  checkAnchor(input.role, input.regionId, input.unitId);
  checkInitialPassword(input.password, input.username);
  if (await repo.usernameTaken(ctx.db, input.username)) {
    throw new AppError('CONFLICT', `用户名 ${input.username} 已被使用，请换一个。`);
  }
  const passwordHash = await hashPassword(input.password);
  const now = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertUser(trx, { ...input, passwordHash, mustChangePassword: true }, now);
    const { password: _omit, ...after } = input;
    await appendAudit(trx, actor, { action: 'create', entityType: 'user', entityId: id, after });
    return toItem((await repo.findUser(trx, id))!, now);
  });
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof updateUserRequest>,
): Promise<UserItem> {
  requireCapability(actor, 'users.manage');
  const before = await repo.findUser(ctx.db, id);
  if (!before) throw notFound();
  const role = (input.role ?? before.role) as Role;
  const regionId = input.regionId === undefined ? before.region_id : input.regionId;
  const unitId = input.unitId === undefined ? before.unit_id : input.unitId;
  checkAnchor(role, regionId, unitId);
  if (actor.userId === id && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw new AppError('INVALID_STATE', '不能停用自己的账号或取消自己的管理员角色，请由另一位管理员操作。');
  }
  if (input.resetPassword) checkInitialPassword(input.resetPassword, before.username);
  const passwordHash = input.resetPassword ? await hashPassword(input.resetPassword) : undefined;
  const now = nowIso();
  const updated = await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(
      trx,
      id,
      {
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.role !== undefined && { role: input.role }),
        region_id: regionId,
        unit_id: unitId,
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        ...(input.unlock && { failed_attempts: 0, locked_until: null }),
        ...(passwordHash && { password_hash: passwordHash, must_change_password: 1 }),
      },
      now,
    );
    // A changed role, scope, status or password takes effect now, not at the session's natural end.
    if (
      input.role ||
      input.regionId !== undefined ||
      input.unitId !== undefined ||
      input.active === false ||
      passwordHash
    ) {
      await repo.deleteSessionsOf(trx, id);
    }
    const after = (await repo.findUser(trx, id))!;
    const { resetPassword, ...changes } = input;
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'user',
      entityId: id,
      summary: resetPassword ? '重置密码' : undefined,
      before: toItem(before, now),
      after: { ...toItem(after, now), changes },
    });
    return toItem(after, now);
  });
  // This node's kept sessions follow at once; other nodes' when they hear the database (auth/session-cache.ts).
  sessionCache(ctx)?.drop();
  return updated;
}
