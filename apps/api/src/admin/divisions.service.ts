import { Injectable } from '@nestjs/common';
import { Database, TownshipEntity, VillageEntity } from '@sanbao/persistence';
import { ApiError } from '../common/api.errors';

export interface TownshipView {
  code: string;
  name: string;
}
export interface VillageView {
  code: string;
  name: string;
  townshipCode: string;
}

/** The county's townships and villages by administrative division code. */
@Injectable()
export class DivisionsService {
  constructor(private readonly database: Database) {}

  private get townships() {
    return this.database.source.getRepository(TownshipEntity);
  }
  private get villages() {
    return this.database.source.getRepository(VillageEntity);
  }

  async listTownships(): Promise<TownshipView[]> {
    const rows = await this.townships.find({ order: { code: 'ASC' } });
    return rows.map(({ code, name }) => ({ code, name }));
  }

  async listVillages(townshipCode?: string): Promise<VillageView[]> {
    const rows = await this.villages.find({
      where: townshipCode ? { townshipCode } : {},
      order: { code: 'ASC' },
    });
    return rows.map(({ code, name, townshipCode: t }) => ({ code, name, townshipCode: t }));
  }

  async village(code: string): Promise<VillageView | undefined> {
    const row = await this.villages.findOneBy({ code });
    return row ? { code: row.code, name: row.name, townshipCode: row.townshipCode } : undefined;
  }

  async townshipNames(): Promise<Map<string, string>> {
    return new Map((await this.listTownships()).map((t) => [t.code, t.name]));
  }

  async createTownship(input: TownshipView): Promise<TownshipView> {
    if (await this.townships.existsBy({ code: input.code })) {
      throw new ApiError('conflict', `township ${input.code} already exists`);
    }
    await this.townships.insert({ code: input.code, name: input.name.trim() });
    return { code: input.code, name: input.name.trim() };
  }

  async renameTownship(code: string, name: string): Promise<TownshipView> {
    const row = await this.townships.findOneBy({ code });
    if (!row) throw new ApiError('not_found', `no township ${code}`);
    row.name = name.trim();
    row.updatedAt = new Date();
    await this.townships.save(row);
    return { code, name: row.name };
  }

  /** A village belongs to the township named by the first 9 digits of its code. */
  async createVillage(input: { code: string; name: string }): Promise<VillageView> {
    const townshipCode = input.code.slice(0, 9);
    if (!(await this.townships.existsBy({ code: townshipCode }))) {
      throw new ApiError('invalid_content', `township ${townshipCode} does not exist yet`, {
        code: [`the first 9 digits must be an existing township (${townshipCode} is not)`],
      });
    }
    if (await this.villages.existsBy({ code: input.code })) {
      throw new ApiError('conflict', `village ${input.code} already exists`);
    }
    await this.villages.insert({ code: input.code, name: input.name.trim(), townshipCode });
    return { code: input.code, name: input.name.trim(), townshipCode };
  }

  async renameVillage(code: string, name: string): Promise<VillageView> {
    const row = await this.villages.findOneBy({ code });
    if (!row) throw new ApiError('not_found', `no village ${code}`);
    row.name = name.trim();
    row.updatedAt = new Date();
    await this.villages.save(row);
    return { code, name: row.name, townshipCode: row.townshipCode };
  }
}
