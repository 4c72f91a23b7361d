import { Injectable } from '@nestjs/common';
import { isSector, Sector } from '@sanbao/domain';
import { Database, MachineKeyEntity } from '@sanbao/persistence';
import { randomUUID } from 'crypto';
import { IsNull } from 'typeorm';
import {
  generateMachineKey,
  hashMachineKey,
  looksLikeMachineKey,
  MachineIdentity,
} from './machine-key';

export class UnknownSectorError extends Error {
  constructor() {
    super('sector must be one of education, medical, housing, water');
    this.name = 'UnknownSectorError';
  }
}

/** Issues, checks and revokes the bureau systems' machine keys (hashed in machine_key). */
@Injectable()
export class MachineKeyService {
  constructor(private readonly database: Database) {}

  /** A new key for a sector; the returned key is the only copy there will ever be. */
  async create(sector: string, label: string): Promise<{ id: string; key: string }> {
    if (!isSector(sector)) throw new UnknownSectorError();
    const key = generateMachineKey(sector);
    const id = randomUUID();
    await this.repository().insert({ id, sector, label, keyHash: hashMachineKey(key) });
    return { id, key };
  }

  /** The key's owner, or null for a key that is unknown, malformed or revoked. */
  async verify(key: unknown): Promise<MachineIdentity | null> {
    if (!looksLikeMachineKey(key)) return null;
    const row = await this.repository().findOneBy({
      keyHash: hashMachineKey(key),
      revokedAt: IsNull(),
    });
    return row ? { keyId: row.id, sector: row.sector, label: row.label } : null;
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.repository().update(
      { id, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Whether a key may feed a sector: valid, not revoked, and issued for that sector. */
  async authorize(key: unknown, sector: Sector): Promise<MachineAuthorization> {
    const identity = await this.verify(key);
    if (!identity) return { ok: false, reason: 'unauthenticated' };
    if (identity.sector !== sector) return { ok: false, reason: 'wrong_sector' };
    return { ok: true, identity };
  }

  private repository() {
    return this.database.source.getRepository(MachineKeyEntity);
  }
}

export type MachineAuthorization =
  | { ok: true; identity: MachineIdentity }
  | { ok: false; reason: 'unauthenticated' | 'wrong_sector' };
