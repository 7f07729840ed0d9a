import type { AssigneeKind } from './assignees.ts';

export type NoticeWarningCode =
  | 'empty_input'
  | 'garbled_text'
  | 'duplicated_text'
  | 'doc_number_missing'
  | 'title_missing'
  | 'issuers_missing'
  | 'date_missing'
  | 'date_invalid'
  | 'date_from_print'
  | 'recipients_missing'
  | 'recipients_inferred'
  | 'tasks_missing'
  | 'numbering_irregular'
  | 'task_title_long'
  | 'unparsed_text';

export interface NoticeWarning {
  code: NoticeWarningCode;
  /** shown to users, in Chinese */
  message: string;
  /** UTF-16 offset in the ORIGINAL input text (what `text.slice` uses) */
  at: number;
  /** length in the original input of the passage concerned (0 for something missing) */
  length: number;
}

export interface ParsedTask {
  /** the section number as written (一 → 1, （三） → 3, 2. → 2) */
  no: number;
  /** the section's lead sentence, without the number and the closing 。 */
  title: string;
  /** the rest of the section; paragraphs separated by \n */
  body: string;
  /** offset of the section in the original input */
  at: number;
  /** kinds of unit the text tells to act (驻区各部队要… → military) */
  suggestedAssignees: AssigneeKind[];
}

export interface ParsedNotice {
  /** 文号, brackets normalised to 〔〕 (普府办〔2021〕4号) */
  docNumber: string | null;
  title: string | null;
  issuers: string[];
  /** 成文日期 YYYY-MM-DD */
  date: string | null;
  /** 主送 */
  recipients: string[];
  /** 抄送 */
  cc: string[];
  /** numbered sections; for a forwarding cover letter without sections of its own, the inner notice's */
  tasks: ParsedTask[];
  /** closing general requirements (e.g. 安全保密、俭朴节约) */
  requirements: string[];
  /** the forwarded notice (转发 / 印发), same shape */
  inner: ParsedNotice | null;
  /** everything that could not be read or looks damaged, in this notice and in its inner notices */
  warnings: NoticeWarning[];
  // extra fields
  /** where `tasks` come from: this notice's own sections or the inner notice's */
  tasksSource: 'self' | 'inner';
  /** the paragraphs before the first section (为切实保障…), or the whole body when there are no sections */
  preamble: string | null;
  /** body text between header and signature, paragraphs separated by \n */
  body: string;
  attachments: string[];
  /** 印发日期 from the 版记 (…2021年1月8日印发) */
  printDate: string | null;
  script: 'simplified' | 'traditional';
  /** the whole normalised text of this notice in 简体, for search */
  searchText: string;
}
