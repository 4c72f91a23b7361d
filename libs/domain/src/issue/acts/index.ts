export * from './catalogue';
export * from './lookups';
export * from './request-ids';
export type { RouteCodes } from './routing';
