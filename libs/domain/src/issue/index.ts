export * from './types';
export * from './deadline-policy';
