import { INestApplication } from '@nestjs/common';
import { ROSTER_HEADINGS } from '@sanbao/contracts';
import type { DeadlinePolicy } from '@sanbao/domain';
import { Workbook } from 'exceljs';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import type request from 'supertest';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { boot, isolatedConfig, machineKey } from '../e2e/sector-support';
import { ApiStack } from './api-stack';

/**
 * The API, the worker and the education service, the API relaying bureau officers' uploads
 * to education with a machine key of its own (SECTOR_SERVICE_URLS, SECTOR_UPLOAD_KEYS), all
 * on one NATS prefix and database.
 */
export async function startWithEducation(
  label: string,
  options: { policy?: DeadlinePolicy; env?: Record<string, string> } = {},
): Promise<{ stack: ApiStack; education: INestApplication; close: () => Promise<void> }> {
  const config = isolatedConfig(label, options.env);
  const education = await boot((c) => EducationAppModule.forRoot(c), config, { ingest: true });
  await education.listen(0, '127.0.0.1');
  const { port } = (education.getHttpServer() as Server).address() as AddressInfo;
  const key = await machineKey(education, 'education');
  const stack = await ApiStack.start(label, {
    policy: options.policy,
    env: {
      ...options.env,
      NATS_PREFIX: config.nats.prefix,
      SECTOR_SERVICE_URLS: `education=http://127.0.0.1:${port}`,
      SECTOR_UPLOAD_KEYS: `education=${key}`,
    },
  });
  return {
    stack,
    education,
    close: async () => {
      await stack.close();
      await education.close();
    },
  };
}

export const ROSTER_FIELDS = [
  'householdId',
  'personRef',
  'villageCode',
  'townshipCode',
  'householdCategory',
  'birthDate',
  'enrolledLastTerm',
  'attendance',
] as const;

/**
 * A term-start roster as a bureau keeps it: an .xlsx with the Chinese headings, `n` children
 * of the village, the first `absent` of them missing this term; the rows at `bad` (0-based)
 * carry an impossible birth date.
 */
export async function rosterXlsx(options: {
  n: number;
  absent: number;
  village: string;
  tag: string;
  bad?: number[];
}): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('学籍名单');
  sheet.addRow(ROSTER_FIELDS.map((f) => ROSTER_HEADINGS.columns[f]));
  for (let i = 0; i < options.n; i += 1) {
    const id = `${options.tag}${String(i).padStart(5, '0')}`;
    sheet.addRow([
      `H${id}`,
      `C${id}`,
      options.village,
      options.village.slice(0, 9),
      i % 2 === 0 ? 'unstable' : 'marginal',
      options.bad?.includes(i) ? '2016-13-01' : `201${(i % 8) + 1}-0${(i % 9) + 1}-15`,
      i % 3 !== 0 ? '是' : '否',
      i < options.absent ? 'absent' : 'enrolled',
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Reads a binary answer (a workbook) with supertest as a Buffer. */
export function binary(
  res: request.Response,
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
