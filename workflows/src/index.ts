// Every workflow the worker registers. Workflow code only: deterministic, no I/O.
export * from './ping.workflow';
export * from './issue/definitions';
export * from './issue/issue.workflow';
