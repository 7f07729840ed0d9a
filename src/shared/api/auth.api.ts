import { z } from 'zod';
import { roles } from '../permissions.ts';

export const loginRequest = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

export const roleSchema = z.enum(roles);

export const meResponse = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  region: z.object({ id: z.number().int(), name: z.string(), code: z.string() }).nullable(),
  unit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  mustChangePassword: z.boolean(),
  capabilities: z.array(z.string()),
  csrfToken: z.string(),
  /** 'traditional' for deployments whose UI defaults to 繁體. */
  script: z.enum(['simplified', 'traditional']),
});
export type Me = z.infer<typeof meResponse>;

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});
