export { type AssigneeKind, assigneeKindsOf, suggestAssigneeKinds } from './assignees.ts';
export { findDate, parseChineseNumeral, toIsoDate } from './chinese-numerals.ts';
export { findDamage, findDuplicated, findGarbled } from './damage.ts';
export { isPageNumberLine, normaliseText, splitParagraphs } from './normalise-text.ts';
export { parseMarker, parseNotice } from './parse-notice.ts';
export { simplifiedMirror, toSimplified } from './simplify.ts';
export type { NoticeWarning, NoticeWarningCode, ParsedNotice, ParsedTask } from './types.ts';
