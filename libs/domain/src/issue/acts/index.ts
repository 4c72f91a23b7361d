export * from './catalogue';
export * from './lookups';
export * from './request-ids';
