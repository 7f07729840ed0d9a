import { addDays, daysFrom, localDateOf } from './local-date.ts';

/** A pairing's planned contact rhythm (结对帮扶的走访频次), in days. */
export const cadenceOptions = [
  { days: 7, label: '每周' },
  { days: 14, label: '每两周' },
  { days: 30, label: '每月' },
  { days: 60, label: '每两个月' },
  { days: 90, label: '每季度' },
  { days: 180, label: '每半年' },
] as const;

export interface PairingContactStatus {
  /** The local date by which the next contact is due (null for an ended pairing). */
  nextDueOn: string | null;
  overdue: boolean;
  daysOverdue: number;
}

/** The date a contact is next due: `cadenceDays` after the last contact, or after the start before any. */
export function nextContactDue(pairing: {
  startedOn: string;
  cadenceDays: number;
  lastContactOn: string | null;
}): string {
  const from =
    pairing.lastContactOn && pairing.lastContactOn > pairing.startedOn ? pairing.lastContactOn : pairing.startedOn;
  return addDays(from, pairing.cadenceDays);
}

/**
 * When a pairing next needs a contact: `cadenceDays` after the last contact, or after the start when there
 * has been none yet. Overdue from the day after that date; an ended or inactive pairing is never overdue.
 */
export function pairingContactStatus(
  pairing: {
    active: boolean;
    startedOn: string;
    endedOn: string | null;
    cadenceDays: number;
    lastContactOn: string | null;
  },
  now: string,
): PairingContactStatus {
  const today = localDateOf(now);
  if (!pairing.active || (pairing.endedOn !== null && pairing.endedOn < today)) {
    return { nextDueOn: null, overdue: false, daysOverdue: 0 };
  }
  const nextDueOn = nextContactDue(pairing);
  const late = daysFrom(nextDueOn, today);
  return late > 0 ? { nextDueOn, overdue: true, daysOverdue: late } : { nextDueOn, overdue: false, daysOverdue: 0 };
}
