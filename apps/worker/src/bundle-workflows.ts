import { bundleWorkflowCode } from '@temporalio/worker';
import * as fs from 'fs';
import * as path from 'path';
import { workflowBundleOptions } from './workflow-bundle';

/** Build step: writes the pre-built workflow bundle that production workers load. */
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode(workflowBundleOptions());
  const target = path.resolve(__dirname, '../../../workflow-bundle.js');
  fs.writeFileSync(target, code);
  console.log(`[bundle] workflow bundle written to ${path.relative(process.cwd(), target)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
