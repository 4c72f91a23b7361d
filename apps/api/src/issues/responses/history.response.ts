import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { IssueHistory, TimelineEntry } from '../../views';

type Who = NonNullable<TimelineEntry['who']>;
type TemporalLink = IssueHistory['temporal'];

export class ActorResponse implements Who {
  @ApiProperty()
  id: string;
  @ApiProperty({ example: '王芳' })
  name: string;
  @ApiProperty({ example: 'village' })
  role: string;
}

export class TemporalLinkResponse implements TemporalLink {
  @ApiProperty()
  workflowId: string;
  @ApiProperty({ example: 'default' })
  namespace: string;
  @ApiProperty({ description: 'the workflow in the Temporal Web UI' })
  webUrl: string;
  @ApiProperty({ type: [String] })
  runs: string[];
  @ApiProperty({ example: 42 })
  events: number;
}

export class IssueHistoryResponse implements IssueHistory {
  @ApiProperty()
  issueKey: string;
  @ApiProperty({ type: String, nullable: true })
  ledgerNo: string | null;
  @ApiProperty({ type: TemporalLinkResponse })
  temporal: TemporalLinkResponse;
  @ApiProperty({
    example: 'Asia/Shanghai',
    description: "the county's time zone: the timeline's sentences give times in it",
  })
  timeZone: string;
  @ApiProperty({
    enum: ['zh-CN', 'en'],
    example: 'zh-CN',
    description: 'the language of the sentences: `lang`, else Accept-Language; zh-CN by default',
  })
  lang: 'zh-CN' | 'en';
  @ApiProperty({
    type: 'array',
    items: { $ref: getSchemaPath('TimelineEntryResponse') },
    description: 'the entries in time order; each kind with its own details (docs/api.md)',
  })
  timeline: TimelineEntry[];
}

export class RawRunResponse {
  @ApiProperty()
  runId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the run’s Temporal history as proto JSON (temporal.api.history.v1.History)',
  })
  history: Record<string, unknown>;
}

/** The file GET /issues/{id}/history/raw sends (a JSON attachment). */
export class RawHistoryResponse {
  @ApiProperty()
  issueKey: string;
  @ApiProperty({ type: [RawRunResponse] })
  runs: RawRunResponse[];
}
