export { type AssigneeKind, assigneeKindsOf, suggestAssigneeKinds } from './assignees.ts';
export { findDate, parseChineseNumeral, toIsoDate } from './chinese-numerals.ts';
export { findDamage, findDuplicated, findGarbled } from './damage.ts';
export { type NoticeJson, type NoticeJsonTask, type NoticeJsonWarning, toNoticeJson } from './issue-json.ts';
export { isPageNumberLine, normaliseText, splitParagraphs } from './normalise-text.ts';
export { parseMarker, parseNotice } from './parse-notice.ts';
export { simplifiedMirror, toSimplified } from './simplify.ts';
export { type CandidateUnit, unitsForKinds } from './suggest-units.ts';
export {
  type AssignmentFacts,
  type AssignmentState,
  assignmentState,
  assignmentStateLabels,
  assignmentStates,
  chinaDate,
  countStates,
  isOverdue,
  type StateCounts,
} from './tracking.ts';
export type { NoticeWarning, NoticeWarningCode, ParsedNotice, ParsedTask } from './types.ts';
