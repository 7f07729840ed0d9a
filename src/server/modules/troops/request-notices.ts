/** Whom a request's notifications go to: the office of its region, its unit or its department. */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type NotificationMessage, type NotificationTarget, notify } from '../notifications/notifications.service.ts';

export const link = (id: number) => `/troops/requests/${id}`;

export async function notifyOffice(
  trx: Transaction<DB>,
  regionId: number | null,
  message: NotificationMessage,
): Promise<number> {
  // A request without a region (its unit has none yet) goes to the administrators instead.
  const target: NotificationTarget = regionId === null ? { roles: ['admin'] } : { roles: ['office'], regionId };
  return notify(trx, target, message);
}

export const notifyUnit = (
  trx: Transaction<DB>,
  unitId: number | null,
  role: 'troop' | 'department',
  m: NotificationMessage,
) => (unitId === null ? Promise.resolve(0) : notify(trx, { roles: [role], unitId }, m));
