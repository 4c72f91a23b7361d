export * from './data-source';
export * from './database-admin';
export * from './persistence.module';
export * from './entities';
export * from './migrations';
export * from './database.health';
export * from './read-counts';
export * from './reconciliation-store';
