export * from './batch';
export * from './education';
export * from './medical';
export * from './housing';
export * from './water';
export * from './headings';
export * from './kinds';
export * from './reply';
