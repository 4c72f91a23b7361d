import 'reflect-metadata';
import { configureIngestHttp } from '@sanbao/ingest';
import { bootstrapApp } from '@sanbao/runtime';
import { MedicalAppModule } from './app.module';

void bootstrapApp('medical', (config) => MedicalAppModule.forRoot(config), configureIngestHttp);
