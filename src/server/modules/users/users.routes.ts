import { idParam } from '../../../shared/api/common.api.ts';
import {
  createUserRequest,
  updateUserRequest,
  userItem,
  userList,
  userListQuery,
} from '../../../shared/api/users.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './users.service.ts';

export function registerUserRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['用户管理']);
  r.get('/api/users', { summary: '用户列表', query: userListQuery, response: userList }, async ({ actor, query }) => {
    const { q, page, pageSize } = query;
    return service.listUsers(ctx, actor, q, page, pageSize);
  });
  r.post(
    '/api/users',
    { summary: '新增用户（首次登录须改密码）', body: createUserRequest, response: userItem },
    async ({ actor, body }) => service.createUser(ctx, actor, body),
  );
  r.patch(
    '/api/users/:id',
    { summary: '修改用户、解锁、重置密码', params: idParam, body: updateUserRequest, response: userItem },
    async ({ actor, params, body }) => service.updateUser(ctx, actor, params.id, body),
  );
}
