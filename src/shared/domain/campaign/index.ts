export * from './campaign-window.ts';
export * from './dates.ts';
export * from './roster.ts';
export * from './standards.ts';
export * from './trial-run.ts';
