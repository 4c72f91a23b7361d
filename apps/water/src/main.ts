import 'reflect-metadata';
import { configureIngestHttp } from '@sanbao/ingest';
import { bootstrapApp } from '@sanbao/runtime';
import { WaterAppModule } from './app.module';

void bootstrapApp('water', (config) => WaterAppModule.forRoot(config), configureIngestHttp);
