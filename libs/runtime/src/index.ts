export * from './bootstrap';
export * from './health';
export * from './infrastructure';
export * from './microservices';
