import { idParam } from '../../../shared/api/common.api.ts';
import {
  createUserRequest,
  updateUserRequest,
  userItem,
  userList,
  userListQuery,
} from '../../../shared/api/users.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './users.service.ts';

export function registerUserRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['用户管理'];
  app.get(
    '/api/users',
    { schema: { tags, summary: '用户列表', querystring: userListQuery, response: { 200: userList } } },
    async (request) => {
      const { q, page, pageSize } = request.query;
      return service.listUsers(ctx, actorOf(request), q, page, pageSize);
    },
  );
  app.post(
    '/api/users',
    { schema: { tags, summary: '新增用户（首次登录须改密码）', body: createUserRequest, response: { 200: userItem } } },
    async (request) => service.createUser(ctx, actorOf(request), request.body),
  );
  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '修改用户、解锁、重置密码',
        params: idParam,
        body: updateUserRequest,
        response: { 200: userItem },
      },
    },
    async (request) => service.updateUser(ctx, actorOf(request), request.params.id, request.body),
  );
}
