import 'reflect-metadata';
import { bootstrapApp } from '@sanbao/runtime';
import { WorkerAppModule } from './app.module';

void bootstrapApp('worker', (config) => WorkerAppModule.forRoot(config));
