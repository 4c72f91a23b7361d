import { DynamicModule, Module } from '@nestjs/common';
import type { Sector } from '@sanbao/domain';
import { MACHINE_SECTOR, MachineKeyGuard } from './machine-key.guard';
import { MachineKeyService } from './machine-key.service';

/** Machine-key authentication for one sector service (needs the persistence module). */
@Module({})
export class MachineAuthModule {
  static forSector(sector: Sector): DynamicModule {
    return {
      module: MachineAuthModule,
      providers: [
        { provide: MACHINE_SECTOR, useValue: sector },
        MachineKeyService,
        MachineKeyGuard,
      ],
      exports: [MACHINE_SECTOR, MachineKeyService, MachineKeyGuard],
    };
  }
}
