export * from './types';
export * from './deadline-policy';
export * from './activities';
