/**
 * The JSON shape of a parsed notice that issue 6 fixes for `shuangyong notice parse --json` (and that the import
 * API returns as `notice`): only these keys, in this order; an inner (forwarded) notice has the same shape.
 */
import type { NoticeWarningCode, ParsedNotice } from './types.ts';

export interface NoticeJsonTask {
  no: number;
  title: string;
  body: string;
}

export interface NoticeJsonWarning {
  code: NoticeWarningCode;
  message: string;
  /** UTF-16 offset in the original text */
  at: number;
}

export interface NoticeJson {
  docNumber: string | null;
  title: string | null;
  issuers: string[];
  date: string | null;
  recipients: string[];
  cc: string[];
  tasks: NoticeJsonTask[];
  requirements: string[];
  inner: NoticeJson | null;
  warnings: NoticeJsonWarning[];
}

export function toNoticeJson(n: ParsedNotice): NoticeJson {
  return {
    docNumber: n.docNumber,
    title: n.title,
    issuers: [...n.issuers],
    date: n.date,
    recipients: [...n.recipients],
    cc: [...n.cc],
    tasks: n.tasks.map((t) => ({ no: t.no, title: t.title, body: t.body })),
    requirements: [...n.requirements],
    inner: n.inner ? toNoticeJson(n.inner) : null,
    warnings: n.warnings.map((w) => ({ code: w.code, message: w.message, at: w.at })),
  };
}
