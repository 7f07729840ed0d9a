export * from './local-date.ts';
export * from './pairing-cadence.ts';
export * from './request-flow.ts';
export * from './turnaround.ts';
