import 'reflect-metadata';
import { bootstrapApp } from '@sanbao/runtime';
import { IntakeAppModule } from './app.module';

void bootstrapApp('intake', (config) => IntakeAppModule.forRoot(config));
