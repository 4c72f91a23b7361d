import { Test } from '@nestjs/testing';
import { INestApplication } from '@nestjs/common';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { TemporalClientService } from '@sanbao/temporal';
import { pingWorkflow } from '@sanbao/workflows';
import { waitForHealthy } from '../support/health';
import { testConfig, uniqueId } from '../support/env';

describe('worker on the real Temporal server', () => {
  let app: INestApplication;
  const config = testConfig({ TEMPORAL_TASK_QUEUE: uniqueId('ping') });

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerAppModule.forRoot(config)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.enableShutdownHooks();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('bundles the workflows with the domain alias and runs the trivial workflow to completion', async () => {
    const temporal = app.get(TemporalClientService);
    const workflowId = uniqueId('ping');
    const result = await temporal.client.workflow.execute(pingWorkflow, {
      taskQueue: config.temporal.taskQueue,
      workflowId,
      args: [{ message: '三保障' }],
    });
    expect(result).toEqual({ echoed: '三保障', sectors: 4 });
    const description = await temporal.client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
  });

  it('reports the running worker and its dependencies on /health', async () => {
    const response = await waitForHealthy(app);
    expect(response.body.info).toMatchObject({
      temporal: { status: 'up' },
      postgres: { status: 'up' },
      nats: { status: 'up' },
      worker: { status: 'up', state: 'RUNNING' },
    });
  });
});
