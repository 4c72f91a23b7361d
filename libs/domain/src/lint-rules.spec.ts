import { spawnSync } from 'child_process';
import * as path from 'path';

// The lint override for workflows/ is what keeps workflow code deterministic; prove it bites.
// ESLint runs as its own process (its config loader needs native ESM, which jest's VM lacks).
const root = path.resolve(__dirname, '../../..');

function lintAsWorkflow(source: string): { exitCode: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      'workflows/src/ping.workflow.ts',
      '--format',
      'json',
    ],
    { cwd: root, input: source, encoding: 'utf8' },
  );
  return { exitCode: result.status, output: result.stdout };
}

type LintMessage = { ruleId: string | null; line: number };

function messages(output: string): LintMessage[] {
  const [file] = JSON.parse(output) as Array<{ messages: LintMessage[] }>;
  return file.messages;
}

const FORBIDDEN = [
  "import * as fs from 'fs';",
  "import { readFileSync } from 'node:fs';",
  "import { Injectable } from '@nestjs/common';",
  "import { DataSource } from 'typeorm';",
  "import { Client } from 'pg';",
  "import { connect } from 'nats';",
  "import { IsString } from 'class-validator';",
];

describe('lint rules for workflow code', () => {
  it('fails a workflow file on each forbidden import (Node built-ins, Nest, TypeORM, pg, NATS, class-validator)', () => {
    const { exitCode, output } = lintAsWorkflow(`${FORBIDDEN.join('\n')}\nexport const x = 1;\n`);
    expect(exitCode).toBe(1);
    const flaggedLines = messages(output)
      .filter((m) => m.ruleId === 'no-restricted-imports')
      .map((m) => m.line);
    expect(flaggedLines).toEqual(FORBIDDEN.map((_, i) => i + 1));
  });

  it('passes a workflow file that imports the pure domain lib and the workflow SDK', () => {
    const { exitCode, output } = lintAsWorkflow(
      "import { SECTORS } from '@sanbao/domain';\nimport { sleep } from '@temporalio/workflow';\n\nexport async function run(): Promise<number> {\n  await sleep(1);\n  return SECTORS.length;\n}\n",
    );
    expect(messages(output)).toEqual([]);
    expect(exitCode).toBe(0);
  });
});
