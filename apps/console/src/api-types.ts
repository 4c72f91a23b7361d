/**
 * The API's answers as types, generated from its OpenAPI document by `npm run console:api`
 * (apps/api/src/cli/console-api-types.ts, openapi-typescript): do not edit. What each field
 * means: the /docs page, or the response classes in apps/api.
 */
export type paths = Record<string, never>;
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AccountabilityGroupResponse: {
      lapses: number;
      stage: string;
      stillWaiting: number;
      totalDaysLate: number;
      unit: string;
      worstDaysLate: number;
    };
    AccountabilityRegisterResponse: {
      from: string;
      groups: components['schemas']['AccountabilityGroupResponse'][];
      items: components['schemas']['LapseResponse'][];
      nextCursor: string | null;
      pageSize: number;
      to: string;
    };
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
      ledgerNo: string | null;
      temporal: components['schemas']['TemporalLinkResponse'];
      timeline: components['schemas']['TimelineEntryResponse'][];
      timeZone: string;
    };
    IssueTimelineResponse: {
      history: components['schemas']['IssueHistoryResponse'];
      issue: components['schemas']['LedgerIssueResponse'];
    };
    KeptReportResponse: {
      generatedAt: string;
      month: string;
      producedBy: string;
    };
    LapseResponse: {
      daysLate: number;
      detectedAt: string;
      dueAt: string;
      issueKey: string;
      ledgerNo: string | null;
      level: string;
      resolvedAt: string | null;
      secondsLate: number;
      sector: string;
      stage: string;
      townshipCode: string | null;
      unit: string;
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
      month: string;
      opened: number;
      writtenOff: number;
    };
    MonthlyFiguresResponse: {
      extended: number;
      forwarded: number;
      new: number;
      overdue: number;
      persuaded: number;
      planned: number;
      resolved: number;
      stageDays: {
        [key: string]: components['schemas']['StageDaysResponse'];
      };
      stillOpen: number;
      unfounded: number;
      verified: number;
      writtenOff: number;
    };
    MonthlyReportResponse: {
      fromAt: string;
      generatedAt: string;
      kept: boolean;
      month: string;
      /** @enum {string} */
      producedBy: 'schedule' | 'on_demand';
      rows: components['schemas']['MonthlyReportRowResponse'][];
      timeZone: string;
      toAt: string;
      totals: components['schemas']['MonthlyFiguresResponse'];
    };
    MonthlyReportRowResponse: {
      figures: components['schemas']['MonthlyFiguresResponse'];
      sector: string;
      townshipCode: string;
      townshipName: string;
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
    RawHistoryResponse: {
      issueKey: string;
      runs: components['schemas']['RawRunResponse'][];
    };
    RawRunResponse: {
      history: {
        [key: string]: unknown;
      };
      runId: string;
    };
    ReportedIssueResponse: {
      created: boolean;
      currentDueAt: string | null;
      issueKey: string;
      ledgerNo: string | null;
      stage: string;
    };
    SignedInDto: {
      accessToken: string;
      expiresIn: number;
      principal: components['schemas']['PrincipalResponse'];
      tokenType: string;
    };
    StageDaysResponse: {
      count: number;
      medianDays: number | null;
      worstDays: number | null;
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
    UserResponse: {
      active: boolean;
      createdAt: string;
      displayName: string;
      id: string;
      /** @enum {string} */
      role: 'village' | 'township' | 'bureau' | 'leader' | 'supervisor' | 'admin';
      /** @enum {string|null} */
      sector: 'education' | 'medical' | 'housing' | 'water' | null;
      townshipCode: string | null;
      updatedAt: string;
      username: string;
      villageCode: string | null;
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
