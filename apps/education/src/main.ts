import 'reflect-metadata';
import { configureIngestHttp } from '@sanbao/ingest';
import { bootstrapApp } from '@sanbao/runtime';
import { EducationAppModule } from './app.module';

void bootstrapApp('education', (config) => EducationAppModule.forRoot(config), configureIngestHttp);
