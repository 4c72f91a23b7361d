import { Module } from '@nestjs/common';
import { DivisionsController } from './divisions.controller';
import { DivisionsService } from './divisions.service';
import { UsersController } from './users.controller';

@Module({
  controllers: [UsersController, DivisionsController],
  providers: [DivisionsService],
  exports: [DivisionsService],
})
export class AdminModule {}
