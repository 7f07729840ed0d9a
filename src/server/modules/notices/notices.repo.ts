/**
 * The module's data access, the only code of the module that touches Kysely, split by the records it reads and
 * writes; re-exported here so services use one `repo`. The notice scope is applied in every read (see
 * notice-scope.repo.ts), so a record outside it is simply not found.
 */
export * from './notice-assignments.repo.ts';
export * from './notice-figures.repo.ts';
export * from './notice-records.repo.ts';
export * from './notice-reports.repo.ts';
export * from './notice-scope.repo.ts';
