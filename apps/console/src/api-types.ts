/**
 * The API's answers as types, generated from its OpenAPI document by `npm run console:api`
 * (apps/api/src/cli/console-api-types.ts, openapi-typescript): do not edit. What each field
 * means: the /docs page, or the response classes in apps/api.
 */
export type paths = Record<string, never>;
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ActorResponse: {
      id: string;
      name: string;
      role: string;
    };
    ActResultDto: {
      accepted: boolean;
      at: string;
      ledgerSeq?: number;
      /** @enum {string} */
      readModel?: 'pending' | 'current';
      requestId: string;
      seq: number;
      stage: string;
    };
    BureauFileFieldResponse: {
      name: string;
      required: boolean;
    };
    BureauFileKindResponse: {
      fields: components['schemas']['BureauFileFieldResponse'][];
      kind: string;
      title: string;
    };
    BureauUploadResponse: {
      accepted: number;
      createdAt: string;
      duplicateSignals: number;
      errorSheet: string | null;
      failure: components['schemas']['UploadFailureResponse'] | null;
      fileName: string;
      /** @enum {string} */
      format: 'csv' | 'xlsx';
      id: string;
      kind: string;
      processed: number;
      received: number;
      rejected: number;
      sector: string;
      signalsRaised: number;
      /** @enum {string} */
      status: 'checking' | 'done' | 'failed';
      updatedAt: string;
    };
    DashboardResponse: {
      bySector: {
        [key: string]: {
          closed: number;
          open: number;
          overdue: number;
        };
      };
      byStage: {
        [key: string]: {
          open: number;
          overdue: number;
        };
      };
      calendarWarning?: {
        coveredYears: number[];
        missingYears: number[];
      } | null;
      closed: number;
      generatedAt: string;
      month: string;
      monthOnMonth: components['schemas']['MonthFiguresResponse'][];
      onTime: components['schemas']['OnTimeResponse'];
      overdue: components['schemas']['OverdueListResponse'];
      timeZone: string;
    };
    ExtensionResponse: {
      currentDueAt: string | null;
      decidedAt: string | null;
      issueKey: string;
      ledgerNo: string | null;
      milestones: components['schemas']['MilestoneResponse'][];
      newDeadline: string;
      reason: string;
      requestedAt: string;
      requestedBy: components['schemas']['PersonResponse'];
      requestId: string;
      sector: string;
      status: string;
      townshipCode: string;
      votes: components['schemas']['VoteResponse'][];
      votingDeadline: string | null;
    };
    IssueHistoryResponse: {
      issueKey: string;
      /** @enum {string} */
      lang: 'zh-CN' | 'en';
      ledgerNo: string | null;
      temporal: components['schemas']['TemporalLinkResponse'];
      timeline: components['schemas']['TimelineEntryResponse'][];
      timeZone: string;
    };
    IssueTimelineResponse: {
      history: components['schemas']['IssueHistoryResponse'];
      issue: components['schemas']['LedgerIssueResponse'];
    };
    LedgerIssueResponse: {
      channel: string;
      closedAt: string | null;
      closure: string | null;
      completionDate: string | null;
      currentDueAt: string | null;
      deadlines: {
        [key: string]: string;
      };
      extensionStatus: string | null;
      flags: {
        [key: string]: unknown;
      };
      issueKey: string;
      kind: string;
      lapseCount: number;
      ledgerNo: string | null;
      measures: string[] | null;
      overdue: boolean;
      /** @enum {string} */
      overdueLevel: 'none' | 'yellow' | 'red';
      reminders: number;
      reopenCount: number;
      reportedAt: string;
      responsiblePerson: string | null;
      responsibleUnit: string | null;
      sector: string;
      sentBackBy: string | null;
      severity: string | null;
      stage: string;
      stageSince: string;
      /** @enum {string} */
      status: 'open' | 'closed';
      subject: components['schemas']['SubjectResponse'];
      summary: string;
      townshipCode: string;
      villageCode: string;
    };
    LedgerPageResponse: {
      items: components['schemas']['LedgerIssueResponse'][];
      nextCursor: string | null;
      page: number | null;
      pageSize: number;
      total: number;
      totalExact: boolean;
    };
    MilestoneResponse: {
      description: string;
      dueDate: string;
    };
    MonthFiguresResponse: {
      lapses: number;
      lateEntries: number;
      month: string;
      opened: number;
      writtenOff: number;
    };
    OnTimeResponse: {
      bureaus: components['schemas']['OnTimeRowResponse'][];
      townships: components['schemas']['OnTimeRowResponse'][];
    };
    OnTimeRowResponse: {
      late: number;
      onTime: number;
      rate: number | null;
      unit: string;
    };
    OverdueListResponse: {
      items: components['schemas']['LedgerIssueResponse'][];
      total: number;
    };
    PersonResponse: {
      id: string;
      name: string;
    };
    PrincipalResponse: {
      name: string;
      /** @enum {string} */
      role: 'village' | 'township' | 'bureau' | 'leader' | 'supervisor' | 'admin';
      /** @enum {string} */
      sector?: 'education' | 'medical' | 'housing' | 'water';
      townshipCode?: string;
      userId: string;
      username: string;
      villageCode?: string;
    };
    SignedInDto: {
      accessToken: string;
      expiresIn: number;
      principal: components['schemas']['PrincipalResponse'];
      tokenType: string;
    };
    SubjectResponse: {
      id: string;
      /** @enum {string} */
      kind: 'household' | 'village';
      personRef: string | null;
    };
    TemporalLinkResponse: {
      events: number;
      namespace: string;
      runs: string[];
      webUrl: string;
      workflowId: string;
    };
    TimelineEntryResponse: {
      at: string;
      details: {
        [key: string]: unknown;
      };
      kind: string;
      seq: number | null;
      /** @enum {string} */
      source: 'audit' | 'temporal' | 'accountability';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    TownshipResponse: {
      code: string;
      name: string;
    };
    UploadFailureResponse: {
      code: string;
      message: string;
    };
    VillageResponse: {
      code: string;
      name: string;
      townshipCode: string;
    };
    VoteResponse: {
      approve: boolean;
      at: string;
      comment: string;
      leader: components['schemas']['PersonResponse'];
    };
    WorkItemResponse: {
      currentDueAt: string | null;
      extensionStatus: string | null;
      issueKey: string;
      kind: string;
      ledgerNo: string;
      overdue: boolean;
      /** @enum {string} */
      overdueLevel: 'none' | 'yellow' | 'red';
      reportedAt: string;
      sector: string;
      severity: string | null;
      stage: string;
      stageSince: string;
      /** @enum {string} */
      status: 'open' | 'closed';
      subject: components['schemas']['SubjectResponse'];
      summary: string;
      task: string;
      townshipCode: string;
      villageCode: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
