/**
 * Whether any issue still runs that an older deployment opened: under its raw issue key (before
 * ids were hashed) or under a per-kind key (before problem families). Only such an issue can
 * make a report join another workflow than its own family's, so while none runs, the intake
 * starts or joins with one call to Temporal and no lookup before it (issue 16: the lookup was a
 * round trip in series with every start, and on the dev server cost about a third of one).
 *
 * Every issue the gateway opens under its family's hashed id carries the search attribute
 * `IssueIdScheme` from its start (continue-as-new keeps it); issues without it are the older
 * ones, and nothing opens them any more, so their number only falls. One count query answers,
 * at most once a second: a report that arrives later than that after an older issue was opened
 * by hand (only an older intake still running beside this one could) is still matched.
 */

/** The search attribute's value on issues opened under their family's hashed id. */
export const ISSUE_ID_SCHEME = 'family-hashed';
export const ISSUE_ID_SCHEME_ATTRIBUTE = 'IssueIdScheme';

/** Counts the executions a visibility query finds (`client.workflow.count`, or a stub). */
export type CountExecutions = (query: string) => Promise<number>;

/** How long one answer stands. */
const FRESH_MS = 1000;

export class OlderIssues {
  private answer?: { present: boolean; at: number };
  private asking?: Promise<boolean>;

  constructor(
    private readonly count: CountExecutions,
    private readonly workflowType: string,
    private readonly freshMs = FRESH_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The query: issue workflows running without the attribute. */
  get query(): string {
    return (
      `WorkflowType = '${this.workflowType}' AND ExecutionStatus = 'Running' ` +
      `AND ${ISSUE_ID_SCHEME_ATTRIBUTE} IS NULL`
    );
  }

  /** This process has just opened an issue without the attribute: it runs, whatever was counted. */
  opened(): void {
    this.answer = { present: true, at: this.now() };
  }

  /**
   * True while an older issue may run. A failed count says true (look, as before), and is not
   * kept: the next caller asks again.
   */
  async present(): Promise<boolean> {
    if (this.answer && this.now() - this.answer.at < this.freshMs) return this.answer.present;
    this.asking ??= this.ask().finally(() => {
      this.asking = undefined;
    });
    return this.asking;
  }

  private async ask(): Promise<boolean> {
    const at = this.now();
    try {
      const present = (await this.count(this.query)) > 0;
      this.answer = { present, at };
      return present;
    } catch {
      this.answer = undefined;
      return true;
    }
  }
}
