export * from './sector-ingest';
export * from './ingest.error';
export * from './ingest.service';
export * from './ingest.module';
export * from './ingest-errors';
export * from './signal-publisher';
export * from './http';
export * from './csv';
