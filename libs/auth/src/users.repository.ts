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

  /**
   * Saves a changed user; with `endSessions`, raises their token version in the same
   * transaction, in SQL, so concurrent changes each count and no token issued before the
   * change (under the old password, role or scope) is current afterwards.
   */
  async save(user: AppUserEntity, options: { endSessions?: boolean } = {}): Promise<AppUserEntity> {
    if (!options.endSessions) return this.users.save(user);
    return this.database.source.transaction(async (manager) => {
      const saved = await manager.getRepository(AppUserEntity).save(user);
      const [rows] = await manager.query<[Array<{ token_version: number }>, number]>(
        `UPDATE "app_user" SET "token_version" = "token_version" + 1 WHERE "id" = $1
         RETURNING "token_version"`,
        [user.id],
      );
      saved.tokenVersion = rows[0].token_version;
      return saved;
    });
  }

  villageExists(code: string): Promise<boolean> {
    return this.database.source.getRepository(VillageEntity).existsBy({ code });
  }

  townshipExists(code: string): Promise<boolean> {
    return this.database.source.getRepository(TownshipEntity).existsBy({ code });
  }
}
