import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Sector } from '@sanbao/domain';
import { DatabaseUnavailableError } from '@sanbao/persistence';
import { MACHINE_KEY_HEADER, MachineIdentity } from './machine-key';
import { MachineKeyService } from './machine-key.service';

/** The sector whose ingest endpoints the guarded app serves. */
export const MACHINE_SECTOR = Symbol('MACHINE_SECTOR');

/** The part of an HTTP request the guard reads and writes (kept free of the express types). */
export interface MachineRequest {
  headers: Record<string, string | string[] | undefined>;
  machine?: MachineIdentity;
}

/**
 * Lets a request through only with a live machine key of the app's sector (header
 * x-api-key): 401 without a valid key, 403 with another sector's key. Never echoes the key.
 */
@Injectable()
export class MachineKeyGuard implements CanActivate {
  constructor(
    private readonly keys: MachineKeyService,
    @Inject(MACHINE_SECTOR) private readonly sector: Sector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<MachineRequest>();
    let result;
    try {
      result = await this.keys.authorize(request.headers[MACHINE_KEY_HEADER], this.sector);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        throw new ServiceUnavailableException('keys cannot be checked now; try again shortly');
      }
      throw error;
    }
    if (!result.ok) {
      if (result.reason === 'wrong_sector') {
        throw new ForbiddenException(`this key is not a ${this.sector} key`);
      }
      throw new UnauthorizedException(`a valid ${MACHINE_KEY_HEADER} header is required`);
    }
    request.machine = result.identity;
    return true;
  }
}
