import 'reflect-metadata';
import { bootstrapApp } from '@sanbao/runtime';
import { EducationAppModule } from './app.module';

void bootstrapApp('education', (config) => EducationAppModule.forRoot(config));
