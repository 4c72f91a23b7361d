export * from './common';
export * from './education';
export * from './medical';
export * from './housing';
export * from './water';
export * from './rules';
export * from './kinds';
