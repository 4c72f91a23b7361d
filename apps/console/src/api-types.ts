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
    ClosedTimelineEntry: {
      at: string;
      details: {
        /** @enum {string} */
        closure: 'written_off' | 'persuaded' | 'unfounded' | 'merged';
        requestId: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'closed';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    CompletionTimelineEntry: {
      at: string;
      details: {
        evidenceRefs: string[];
        outcome: string;
        requestId: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'completion';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    CorrectorResponse: {
      id: string;
      name: string;
      role: string;
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
    DeadlineTimelineEntry: {
      at: string;
      details: {
        calendarUncovered?: number[];
        dueAt: string | null;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'deadline';
      seq: number | null;
      /** @enum {string} */
      source: 'temporal';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    EscalationTimelineEntry: {
      at: string;
      details: {
        dueAt: string;
        extension?: string;
        /** @enum {string} */
        level: 'red';
        notifiedAt?: string;
        notify: ('village' | 'township' | 'bureau' | 'leader' | 'supervisor')[];
        requestId: string;
        responsibleUnit?: string;
        told?: string[];
        unit: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'escalation';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    EvidenceTimelineEntry: {
      at: string;
      details: {
        evidenceId: string;
        receivedAt: string;
        requestId: string;
        source: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'evidence';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    ExtensionDecidedTimelineEntry: {
      at: string;
      details: {
        approvals: number;
        extension: string;
        newDeadline: string;
        rejections: number;
        requestId: string;
        /** @enum {string} */
        status: 'approved' | 'rejected' | 'lapsed';
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'extension_decided';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    ExtensionRequestTimelineEntry: {
      at: string;
      details: {
        currentDueAt?: string;
        milestones: {
          description: string;
          dueDate: string;
        }[];
        newDeadline: string;
        reason: string;
        requestId: string;
        votingDeadline: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'extensionRequest';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
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
    LapseTimelineEntry: {
      at: string;
      details: {
        daysLate: number;
        dueAt: string;
        /** @enum {string} */
        level: 'none' | 'yellow' | 'red';
        resolvedAt: string | null;
        secondsLate: number;
        unit: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'lapse';
      seq: number | null;
      /** @enum {string} */
      source: 'accountability';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    LeaderVoteTimelineEntry: {
      at: string;
      details: {
        approve: boolean;
        comment: string;
        extension: string;
        requestId: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'leaderVote';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
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
        calendarUncovered?: number[];
        emergency?: boolean;
        transitionalHousing?: boolean;
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
    MergedInTimelineEntry: {
      at: string;
      details: {
        duplicate: string;
        evidence: {
          evidenceId: string;
          receivedAt: string;
          source: string;
        }[];
        reason: string;
        requestId: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'merged_in';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    MergeTimelineEntry: {
      at: string;
      details: {
        into: string;
        reason: string;
        requestId: string;
        workflowId: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'merge';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
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
    MonthlyFiguresResponse: {
      extended: number;
      forwarded: number;
      lateEntries: number;
      merged: number;
      new: number;
      overdue: number;
      persuaded: number;
      planned: number;
      rerouted: number;
      resolved: number;
      sentBack: number;
      stageDays: {
        [key: string]: components['schemas']['StageDaysResponse'];
      };
      stillOpen: number;
      unfounded: number;
      verified: number;
      writtenOff: number;
    };
    MonthlyReportResponse: {
      correction: components['schemas']['ReportCorrectionResponse'] | null;
      fromAt: string;
      generatedAt: string;
      kept: boolean;
      month: string;
      /** @enum {string} */
      producedBy: 'schedule' | 'on_demand' | 'correction';
      provisional: boolean;
      rows: components['schemas']['MonthlyReportRowResponse'][];
      timeZone: string;
      toAt: string;
      totals: components['schemas']['MonthlyFiguresResponse'];
      version: number | null;
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
    OpenedTimelineEntry: {
      at: string;
      details: {
        /** @enum {string} */
        channel: 'sector_signal' | 'hotline' | 'village_patrol' | 'household' | 'supervision';
        dueAt?: string;
        policyVersion: string;
        reportedAt?: string;
        requestId: string;
        /** @enum {string} */
        severityHint: 'general' | 'major';
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'opened';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    OverdueListResponse: {
      items: components['schemas']['LedgerIssueResponse'][];
      total: number;
    };
    OverdueTimelineEntry: {
      at: string;
      details: {
        dueAt: string;
        /** @enum {string} */
        level: 'yellow';
        notifiedAt?: string;
        notify: ('village' | 'township' | 'bureau' | 'leader' | 'supervisor')[];
        requestId: string;
        responsibleUnit?: string;
        told?: string[];
        unit: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'overdue';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
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
    ProgressNoteTimelineEntry: {
      at: string;
      details: {
        note: string;
        requestId: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'progressNote';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    ReminderTimelineEntry: {
      at: string;
      details: {
        dueAt: string;
        /** @enum {string} */
        level: 'none' | 'yellow' | 'red';
        notifiedAt?: string;
        notify: ('village' | 'township' | 'bureau' | 'leader' | 'supervisor')[];
        reminder: number;
        requestId: string;
        responsibleUnit?: string;
        told?: string[];
        unit: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'reminder';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    ReopenedTimelineEntry: {
      at: string;
      details: {
        reason?: string;
        reopenCount: number;
        requestId: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'reopened';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    ReportCorrectionResponse: {
      at: string;
      by: components['schemas']['CorrectorResponse'];
      reason: string;
      requestId: string;
    };
    RerouteTimelineEntry: {
      at: string;
      details: {
        dueAt: string;
        from: {
          kind: string;
          /** @enum {string} */
          sector: 'education' | 'medical' | 'housing' | 'water';
          townshipCode: string;
          villageCode: string;
        };
        reason: string;
        requestId: string;
        to: {
          kind: string;
          /** @enum {string} */
          sector: 'education' | 'medical' | 'housing' | 'water';
          townshipCode: string;
          villageCode: string;
        };
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'reroute';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    SendBackTimelineEntry: {
      at: string;
      details: {
        dueAt: string;
        reason: string;
        requestId: string;
        unit: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'sendBack';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
    };
    SignedInDto: {
      accessToken: string;
      expiresIn: number;
      principal: components['schemas']['PrincipalResponse'];
      tokenType: string;
    };
    SolutionPlanTimelineEntry: {
      at: string;
      details: {
        completionDate: string;
        measures: string[];
        requestId: string;
        responsiblePerson: string;
        responsibleUnit: string;
        /** @enum {string} */
        severity: 'general' | 'major';
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'solutionPlan';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
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
    TimelineEntryResponse:
      | components['schemas']['VerificationTimelineEntry']
      | components['schemas']['TownshipDecisionTimelineEntry']
      | components['schemas']['SolutionPlanTimelineEntry']
      | components['schemas']['ProgressNoteTimelineEntry']
      | components['schemas']['CompletionTimelineEntry']
      | components['schemas']['WriteOffCheckTimelineEntry']
      | components['schemas']['ExtensionRequestTimelineEntry']
      | components['schemas']['LeaderVoteTimelineEntry']
      | components['schemas']['MergeTimelineEntry']
      | components['schemas']['SendBackTimelineEntry']
      | components['schemas']['RerouteTimelineEntry']
      | components['schemas']['OpenedTimelineEntry']
      | components['schemas']['EvidenceTimelineEntry']
      | components['schemas']['OverdueTimelineEntry']
      | components['schemas']['ReminderTimelineEntry']
      | components['schemas']['EscalationTimelineEntry']
      | components['schemas']['ExtensionDecidedTimelineEntry']
      | components['schemas']['ReopenedTimelineEntry']
      | components['schemas']['ClosedTimelineEntry']
      | components['schemas']['MergedInTimelineEntry']
      | components['schemas']['DeadlineTimelineEntry']
      | components['schemas']['LapseTimelineEntry'];
    TownshipDecisionTimelineEntry: {
      at: string;
      details: {
        /** @enum {string} */
        decision: 'forward' | 'persuade' | 'unfounded';
        explanation: string;
        requestId: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'townshipDecision';
      seq: number;
      /** @enum {string} */
      source: 'audit';
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
    VerificationTimelineEntry: {
      at: string;
      details: {
        confirmed: boolean;
        findings: string;
        kind?: string;
        previousKind?: string;
        requestId: string;
        visitedAt: string;
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'verification';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
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
    WriteOffCheckTimelineEntry: {
      at: string;
      details: {
        reason?: string;
        requestId: string;
        /** @enum {string} */
        result: 'resolved' | 'not_resolved';
      };
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'writeOffCheck';
      seq: number;
      /** @enum {string} */
      source: 'audit';
      stage: string | null;
      text: string;
      who: components['schemas']['ActorResponse'] | null;
      why: string | null;
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
