import { z } from 'zod';
import { roleSchema } from './auth.api.ts';
import { paged, pageQuery } from './common.api.ts';

export const userItem = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserItem = z.infer<typeof userItem>;
export const userList = paged(userItem);

export const userListQuery = z.strictObject({ ...pageQuery, q: z.string().trim().max(64).optional() });

export const createUserRequest = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字或 _ . -'),
  displayName: z.string().trim().min(1, '请输入姓名').max(64),
  role: roleSchema,
  regionId: z.number().int().positive().nullable().default(null),
  unitId: z.number().int().positive().nullable().default(null),
  /** Initial password; the user must change it at first login. */
  password: z.string().min(1).max(256),
});

export const updateUserRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  role: roleSchema.optional(),
  regionId: z.number().int().positive().nullable().optional(),
  unitId: z.number().int().positive().nullable().optional(),
  active: z.boolean().optional(),
  /** Clears a lockout after too many failed logins. */
  unlock: z.boolean().optional(),
  /** Sets a new initial password (forces a change at next login). */
  resetPassword: z.string().min(1).max(256).optional(),
});
