/**
 * Notices and tasks (通知与任务落实): import a notice from text, break it into tasks, assign them to units with
 * deadlines, let the units acknowledge (签收) and report (落实情况), remind the late, and show and export who has
 * done what. Every function takes the actor first and checks the capability first; the repository applies the
 * notice scope (see notice-scope.repo.ts), so what is out of scope is NOT_FOUND. Each sub-capability lives in its
 * own file, all re-exported here so callers keep one entry point.
 */
export { publishNotice, setAssignments } from './notice-assign.service.ts';
export { getFile, maxAttachmentBytes, uploadNoticeFile, uploadReportFile } from './notice-files.service.ts';
export { parseFile, parseText } from './notice-import.service.ts';
export { getNotice, listNotices, myTasks } from './notice-read.service.ts';
export { acknowledge, report } from './notice-report.service.ts';
export { exportMatrix, getMatrix, remindOverdue, taskFigures, taskItems } from './notice-tracking.service.ts';
export { createNotice, deleteNotice, updateNotice } from './notice-write.service.ts';
