import 'reflect-metadata';
import { bootstrapApp } from '@sanbao/runtime';
import { ApiAppModule } from './app.module';
import { configureApi } from './configure';

void bootstrapApp('api', (config) => ApiAppModule.forRoot(config), configureApi);
