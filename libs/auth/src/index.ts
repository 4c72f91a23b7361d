export * from './machine-key';
export * from './machine-key.service';
export * from './machine-key.guard';
export * from './machine-auth.module';
