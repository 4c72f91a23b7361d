/**
 * One validation vocabulary for every DTO of the system (the API's bodies and queries, the
 * bureaus' ingest records, the risk signal): each decorator carries its rule, its message and
 * its OpenAPI description. The choices where two old rules differed: docs/api.md, "Who may do what".
 */
export * from './patterns';
export type { FieldOptions } from './compose';
export * from './codes';
export * from './text';
export * from './clean-text';
export * from './time';
export * from './choice';
export * from './numbers';
export * from './nested';
export * from './errors';
export * from './pipe';
