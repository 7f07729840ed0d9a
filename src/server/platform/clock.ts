import { localDateOf } from '../../shared/domain/troops/local-date.ts';

/** The server's one source of "now" (domain rules take `now` as a parameter instead). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date in China (UTC+8), the date clerks mean by 今天. */
export function todayInChina(): string {
  return localDateOf(nowIso());
}
