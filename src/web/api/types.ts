/** Response and request types of the server, inferred from the shared zod contracts (types only: no zod at run time). */
import type { z } from 'zod';
import type { auditItem, auditList, auditListQuery, auditVerifyResponse } from '../../shared/api/audit.api.ts';
import type { changePasswordRequest, loginRequest, meResponse } from '../../shared/api/auth.api.ts';
import type { notificationItem, notificationList, unreadCount } from '../../shared/api/notifications.api.ts';
import type { createRegionRequest, regionItem, regionList } from '../../shared/api/regions.api.ts';
import type { registrySummary } from '../../shared/api/registry.api.ts';
import type { saveUnitRequest, unitItem, unitList } from '../../shared/api/units.api.ts';
import type { createUserRequest, updateUserRequest, userItem, userList } from '../../shared/api/users.api.ts';

export type Me = z.infer<typeof meResponse>;
export type LoginRequest = z.input<typeof loginRequest>;
export type ChangePasswordRequest = z.input<typeof changePasswordRequest>;

export type RegistrySummary = z.infer<typeof registrySummary>;

export type NotificationItem = z.infer<typeof notificationItem>;
export type NotificationList = z.infer<typeof notificationList>;
export type UnreadCount = z.infer<typeof unreadCount>;

export type RegionItem = z.infer<typeof regionItem>;
export type RegionList = z.infer<typeof regionList>;
export type CreateRegionRequest = z.input<typeof createRegionRequest>;

export type UnitItem = z.infer<typeof unitItem>;
export type UnitList = z.infer<typeof unitList>;
export type SaveUnitRequest = z.input<typeof saveUnitRequest>;

export type UserItem = z.infer<typeof userItem>;
export type UserList = z.infer<typeof userList>;
export type CreateUserRequest = z.input<typeof createUserRequest>;
export type UpdateUserRequest = z.input<typeof updateUserRequest>;

export type AuditItem = z.infer<typeof auditItem>;
export type AuditList = z.infer<typeof auditList>;
export type AuditListQuery = Partial<z.infer<typeof auditListQuery>>;
export type AuditVerifyResponse = z.infer<typeof auditVerifyResponse>;
