import 'reflect-metadata';
import { bootstrapApp } from '@sanbao/runtime';
import { ApiAppModule } from './app.module';

void bootstrapApp('api', (config) => ApiAppModule.forRoot(config));
