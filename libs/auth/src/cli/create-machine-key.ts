import { getConfig } from '@sanbao/config';
import { isSector } from '@sanbao/domain';
import { createDataSource, MachineKeyEntity } from '@sanbao/persistence';
import { randomUUID } from 'crypto';
import { generateMachineKey, hashMachineKey } from '../machine-key';

/**
 * `npm run machine-key:create -- <sector> <label>`: issues a key for a bureau system and
 * prints it once. Only its hash is stored; a lost key is replaced, not recovered.
 */
async function main(): Promise<void> {
  const [sector, ...labelWords] = process.argv.slice(2);
  const label = labelWords.join(' ').trim();
  if (!isSector(sector) || label === '') {
    console.error('usage: npm run machine-key:create -- <education|medical|housing|water> <label>');
    process.exit(2);
  }
  const dataSource = createDataSource(getConfig().database.url);
  await dataSource.initialize();
  try {
    const key = generateMachineKey(sector);
    const id = randomUUID();
    await dataSource
      .getRepository(MachineKeyEntity)
      .insert({ id, sector, label, keyHash: hashMachineKey(key) });
    console.error(`[machine-key] key ${id} for ${sector} ("${label}"); shown once, store it now:`);
    console.log(key);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`[machine-key] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
