/**
 * The troop requests' services (部队诉求), one file per sub-capability; routes and other modules import them
 * from here.
 */
export * from './request-files.service.ts';
export * from './request-flow.service.ts';
export * from './request-overdue.service.ts';
export * from './request-raise.service.ts';
export * from './request-stats.service.ts';
export * from './request-supporters.service.ts';
export * from './request-views.service.ts';
