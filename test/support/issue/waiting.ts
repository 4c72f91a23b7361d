// Time in tests: waiting for what follows the workflow, and moments from now.

/**
 * Retries an assertion until it passes: the read models and events follow the workflow's
 * state through activities, so a reader may see them a moment later.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export function inSeconds(seconds: number, from = Date.now()): string {
  return new Date(from + seconds * 1000).toISOString();
}

/**
 * An act's answer without the ledger state it was given at (`ledgerSeq`, `readModel`): a
 * repeated act gets the first decision, told with how far the ledger is now.
 */
export function decisionOf<T extends { ledgerSeq?: number; readModel?: string }>(
  answer: T,
): Omit<T, 'ledgerSeq' | 'readModel'> {
  const { ledgerSeq: _seq, readModel: _model, ...decision } = answer;
  return decision;
}
