import { INestApplication } from '@nestjs/common';
import request from 'supertest';

/** Polls /health until it answers 200 (dependencies connect in the background) or time runs out. */
export async function waitForHealthy(app: INestApplication, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last: request.Response | undefined;
  while (Date.now() < deadline) {
    last = await request(app.getHttpServer()).get('/health');
    if (last.status === 200) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `not healthy in time; last answer ${last?.status}: ${JSON.stringify(last?.body)}`,
  );
}
