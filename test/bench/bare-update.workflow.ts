// The bench's yardstick: a workflow that does nothing but answer an Update at once.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const bareUpdate = defineUpdate<number, [number]>('bareUpdate');

export async function bareUpdateWorkflow(): Promise<void> {
  let done = false;
  setHandler(bareUpdate, (n: number) => {
    if (n < 0) done = true;
    return n;
  });
  await condition(() => done);
}
