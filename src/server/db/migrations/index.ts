import type { Migration } from 'kysely';
import * as foundation from './2026-11-25-0001-foundation.ts';
import * as registry from './2026-11-25-0010-registry.ts';
import * as registryImport from './2026-11-25-0020-import.ts';
import * as notices from './2026-11-25-0030-notices.ts';
import * as troops from './2026-11-25-0040-troops.ts';
import * as campaigns from './2026-11-25-0050-campaigns.ts';
import * as honours from './2026-11-25-0060-honours.ts';
import * as reports from './2026-11-26-0070-reports.ts';
import * as briefings from './2026-11-26-0080-briefings.ts';
import * as visitLinks from './2026-11-26-0090-visit-links.ts';
import * as campaignTasks from './2026-11-26-0100-campaign-tasks.ts';
import * as filesJobs from './2026-11-26-0110-files-jobs.ts';
import * as taskAssignment from './2026-11-26-0140-task-assignment.ts';
import * as reportIndexes from './2026-11-26-0150-report-indexes.ts';
import * as jobCommit from './2026-11-26-0160-job-commit.ts';
import * as registryCounts from './2026-11-27-0170-registry-counts.ts';
import * as oneByteStore from './2026-11-27-0220-one-byte-store.ts';
import * as campaignProgress from './2026-12-07-0230-campaign-progress.ts';
import * as importStagedPersons from './2026-12-07-0240-import-staged-persons.ts';
import * as importStagedAudit from './2026-12-07-0260-import-staged-audit.ts';
import * as regionsPathBytes from './2026-12-08-0330-regions-path-bytes.ts';
import * as campaignProgressUnpaired from './2026-12-08-0340-campaign-progress-unpaired.ts';
import * as sessionActorNotify from './2026-12-08-0350-session-actor-notify.ts';

/** Every migration, keyed by its dated file name; Kysely runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-25-0001-foundation': foundation,
  '2026-11-25-0010-registry': registry,
  '2026-11-25-0020-import': registryImport,
  '2026-11-25-0030-notices': notices,
  '2026-11-25-0040-troops': troops,
  '2026-11-25-0050-campaigns': campaigns,
  '2026-11-25-0060-honours': honours,
  '2026-11-26-0080-briefings': briefings,
  '2026-11-26-0090-visit-links': visitLinks,
  '2026-11-26-0100-campaign-tasks': campaignTasks,
  '2026-11-26-0140-task-assignment': taskAssignment,
  '2026-11-26-0070-reports': reports,
  '2026-11-26-0110-files-jobs': filesJobs,
  '2026-11-26-0160-job-commit': jobCommit,
  '2026-11-26-0150-report-indexes': reportIndexes,
  '2026-11-27-0220-one-byte-store': oneByteStore,
  '2026-11-27-0170-registry-counts': registryCounts,
  '2026-12-07-0230-campaign-progress': campaignProgress,
  '2026-12-07-0240-import-staged-persons': importStagedPersons,
  '2026-12-07-0260-import-staged-audit': importStagedAudit,
  '2026-12-08-0330-regions-path-bytes': regionsPathBytes,
  '2026-12-08-0340-campaign-progress-unpaired': campaignProgressUnpaired,
  '2026-12-08-0350-session-actor-notify': sessionActorNotify,
};
