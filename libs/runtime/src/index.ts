export * from './clock';
export * from './bootstrap';
export * from './health';
export * from './health-calendar';
export * from './infrastructure';
export * from './microservices';
export * from './metrics';
export * from './temporal-logging';
