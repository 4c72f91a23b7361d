import { sleep } from '@temporalio/workflow';
import { SECTORS } from '@sanbao/domain';

export interface PingInput {
  message: string;
}

export interface PingResult {
  echoed: string;
  sectors: number;
}

/**
 * Proves the chain: the worker bundles workflows/, the bundle resolves the @sanbao/domain
 * alias, and a durable timer fires on the real server.
 */
export async function pingWorkflow(input: PingInput): Promise<PingResult> {
  await sleep('10 milliseconds');
  return { echoed: input.message, sectors: SECTORS.length };
}
