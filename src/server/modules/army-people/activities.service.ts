/**
 * Joint army–people activities' services (双拥活动), one file per sub-capability; routes and other modules
 * import them from here.
 */
export * from './activity-changes.service.ts';
export * from './activity-export.service.ts';
export * from './activity-photos.service.ts';
export * from './activity-stats.service.ts';
export * from './activity-views.service.ts';
