import { Injectable } from '@nestjs/common';
import { AppUserEntity, Database, TownshipEntity, VillageEntity } from '@sanbao/persistence';

/** The users table and the division tables a user's scope points at. */
@Injectable()
export class UsersRepository {
  constructor(private readonly database: Database) {}

  private get users() {
    return this.database.source.getRepository(AppUserEntity);
  }

  findById(id: string): Promise<AppUserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<AppUserEntity | null> {
    return this.users.findOneBy({ username });
  }

  list(filter: { role?: string; active?: boolean }): Promise<AppUserEntity[]> {
    const where: Record<string, unknown> = {};
    if (filter.role !== undefined) where.role = filter.role;
    if (filter.active !== undefined) where.active = filter.active;
    return this.users.find({ where, order: { username: 'ASC' } });
  }

  async insert(user: Partial<AppUserEntity>): Promise<AppUserEntity> {
    return this.users.save(this.users.create(user));
  }

  async save(user: AppUserEntity): Promise<AppUserEntity> {
    return this.users.save(user);
  }

  villageExists(code: string): Promise<boolean> {
    return this.database.source.getRepository(VillageEntity).existsBy({ code });
  }

  townshipExists(code: string): Promise<boolean> {
    return this.database.source.getRepository(TownshipEntity).existsBy({ code });
  }
}
