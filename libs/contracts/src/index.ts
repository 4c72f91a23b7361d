export * from './subjects';
export * from './validation';
export * from './signal';
export * from './dead-letter';
export * from './ingest';
export * from './schema/json-schema';
