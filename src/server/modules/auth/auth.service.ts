import { createHash, randomBytes } from 'node:crypto';
import type { Me } from '../../../shared/api/auth.api.ts';
import { checkPassword } from '../../../shared/domain/password-policy.ts';
import { AppError } from '../../../shared/errors.ts';
import { can, capabilities, type Role, roleLabels, roles } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { getSetting } from '../settings/settings.repo.ts';
import * as repo from './auth.repo.ts';
import { type SessionRow, sessionCache } from './session-cache.ts';

export const authPolicy = {
  maxFailuresBeforeLock: 5,
  lockMinutes: 15,
  /** Failed logins from one address within the window before it is refused outright. */
  maxFailuresPerIp: 30,
  ipWindowMinutes: 15,
  idleMinutes: 120,
  absoluteHours: 12,
};

export interface ClientInfo {
  ip: string;
  userAgent: string;
  requestId: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
}

const minutesFrom = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

function anonymous(client: ClientInfo, username: string): Actor {
  return {
    userId: null,
    username,
    displayName: username,
    role: 'auditor',
    regionId: null,
    unitId: null,
    regionIds: [],
    ip: client.ip,
    requestId: client.requestId,
  };
}

export async function login(
  ctx: AppContext,
  client: ClientInfo,
  username: string,
  password: string,
): Promise<LoginResult> {
  const now = nowIso();
  const recentFailures = await repo.countRecentAttempts(
    ctx.db,
    client.ip,
    minutesFrom(now, -authPolicy.ipWindowMinutes),
  );
  if (recentFailures >= authPolicy.maxFailuresPerIp)
    throw new AppError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试。');

  const user = await repo.findUserByUsername(ctx.db, username);
  const fail = async (
    code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED',
    reason: string,
    lock?: { failures: number; until: string | null },
  ) => {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.recordAttempt(trx, { ip: client.ip, username, success: false, at: now });
      if (user && lock) await repo.setFailureState(trx, user.id, lock.failures, lock.until);
      const actor = user ? { ...anonymous(client, user.display_name), userId: user.id } : anonymous(client, username);
      await appendAudit(trx, actor, {
        action: 'login.failure',
        entityType: 'user',
        entityId: user?.id,
        summary: `登录失败：${reason}`,
      });
    });
    return new AppError(code);
  };

  if (user?.active !== 1) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw await fail('INVALID_CREDENTIALS', user ? '账号已停用' : '用户名不存在');
  }
  if (user.locked_until && user.locked_until > now) throw await fail('ACCOUNT_LOCKED', '账号锁定中');
  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_attempts + 1;
    const locks = failures >= authPolicy.maxFailuresBeforeLock;
    const until = locks ? minutesFrom(now, authPolicy.lockMinutes) : null;
    throw await fail(locks ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS', '密码错误', {
      failures: locks ? 0 : failures,
      until,
    });
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.recordAttempt(trx, { ip: client.ip, username, success: true, at: now });
    await repo.markLoggedIn(trx, user.id, now);
    await repo.insertSession(trx, {
      id: sessionIdOf(token),
      userId: user.id,
      csrfToken,
      now,
      expiresAt: minutesFrom(now, authPolicy.absoluteHours * 60),
      ip: client.ip,
      userAgent: client.userAgent,
    });
    await appendAudit(
      trx,
      { ...anonymous(client, user.display_name), userId: user.id },
      {
        action: 'login.success',
        entityType: 'user',
        entityId: user.id,
        summary: '登录成功',
      },
    );
  });
  return { token, csrfToken };
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** Whether a session may still be used at `now`: its user active, neither expired nor idle too long. */
function usable(row: SessionRow, now: string): boolean {
  return row.active === 1 && row.expires_at >= now && minutesFrom(row.last_seen_at, authPolicy.idleMinutes) >= now;
}

/** Turns a session cookie into an actor, or null when the session is unknown, expired or idle too long. */
export async function resolveSession(
  ctx: AppContext,
  token: string,
  client: ClientInfo,
): Promise<ResolvedSession | null> {
  const id = sessionIdOf(token);
  const cache = sessionCache(ctx);
  const now = nowIso();
  let row = cache?.get(id);
  // A refusal is decided on the database's row: another node may have seen the session since this one kept it.
  if (row && !usable(row, now)) row = undefined;
  if (!row) {
    const mark = cache?.mark() ?? 0;
    row = await repo.findSession(ctx.db, id);
    if (!row) return null;
    if (!usable(row, now)) {
      await repo.deleteSession(ctx.db, id);
      return null;
    }
    cache?.keep(id, row, mark);
  }
  // Refresh the idle timer at most once a minute: one write per minute per session, not per request.
  if (minutesFrom(row.last_seen_at, 1) < now) {
    const mark = cache?.mark() ?? 0;
    await repo.touchSession(ctx.db, id, now);
    row = { ...row, last_seen_at: now };
    cache?.keep(id, row, mark);
  }
  const role = (roles as readonly string[]).includes(row.role) ? (row.role as Role) : 'auditor';
  const regionIds = role === 'admin' ? 'all' : row.subtreeIds;
  return {
    sessionId: id,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password === 1,
    actor: {
      userId: row.userId,
      username: row.username,
      displayName: row.display_name,
      role,
      regionId: row.region_id,
      unitId: row.unit_id,
      regionIds,
      ip: client.ip,
      requestId: client.requestId,
    },
  };
}

export async function logout(ctx: AppContext, actor: Actor, sessionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sessionId);
    await appendAudit(trx, actor, { action: 'logout', entityType: 'user', entityId: actor.userId ?? undefined });
  });
  // This node forgets at once; the others when they hear the database's notification.
  sessionCache(ctx)?.drop();
}

export async function me(ctx: AppContext, session: ResolvedSession): Promise<Me> {
  const { actor } = session;
  const [region, unit] = await repo.findRegionAndUnit(ctx.db, actor.regionId, actor.unitId);
  const script = (await getSetting(ctx.db, 'ui.script')) === 'traditional' ? 'traditional' : 'simplified';
  return {
    id: actor.userId ?? 0,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleLabel: roleLabels[actor.role],
    region: region ?? null,
    unit: unit ?? null,
    mustChangePassword: session.mustChangePassword,
    capabilities: capabilities.filter((c) => can(actor.role, c)),
    csrfToken: session.csrfToken,
    script,
  };
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  sessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  if (actor.userId === null) throw new AppError('FORBIDDEN');
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('NOT_AUTHENTICATED');
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('INVALID_CREDENTIALS', '当前密码不正确，请重新输入。');
  }
  const policy = checkPassword(newPassword, user.username);
  if (!policy.ok) throw new AppError('WEAK_PASSWORD', `新密码不符合要求：${policy.problems.join('；')}。`);
  if (await verifyPassword(user.password_hash, newPassword)) {
    throw new AppError('WEAK_PASSWORD', '新密码不能与当前密码相同。');
  }
  const hash = await hashPassword(newPassword);
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, user.id, hash, now);
    // Other devices signed in with the old password are signed out.
    await repo.deleteUserSessions(trx, user.id, sessionId);
    await appendAudit(trx, actor, { action: 'password.change', entityType: 'user', entityId: user.id });
  });
  sessionCache(ctx)?.drop();
}
