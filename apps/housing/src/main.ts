import 'reflect-metadata';
import { configureIngestHttp } from '@sanbao/ingest';
import { bootstrapApp } from '@sanbao/runtime';
import { HousingAppModule } from './app.module';

void bootstrapApp('housing', (config) => HousingAppModule.forRoot(config), configureIngestHttp);
