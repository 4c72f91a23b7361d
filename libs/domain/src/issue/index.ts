export * from './types';
export * from './deadline-policy';
export * from './activities';
export * from './records';
export * from './acts/catalogue';
export * from './timeline/render';
