export * from './types';
export * from './deadline-policy';
export * from './activities';
export * from './records';
export * from './acts';
export * from './timeline/render';
export * from './record-schemas';
export type { Schema, SchemaNode } from './payload-schema';
