export * from './catalogue';
export * from './lookups';
