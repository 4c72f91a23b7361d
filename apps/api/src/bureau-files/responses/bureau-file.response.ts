import { ApiProperty } from '@nestjs/swagger';
import type { BureauFileKind, BureauUpload } from '../upload-view';

export class BureauFileFieldResponse {
  @ApiProperty({ example: 'termStart' }) name: string;
  @ApiProperty() required: boolean;
}

export class BureauFileKindResponse implements BureauFileKind {
  @ApiProperty({ example: 'roster' }) kind: string;
  @ApiProperty({ example: '义务教育学籍比对名单' }) title: string;
  @ApiProperty({ type: [BureauFileFieldResponse], description: 'form fields the upload adds' })
  fields: BureauFileFieldResponse[];
}

export class UploadFailureResponse {
  @ApiProperty({ example: 'unavailable' }) code: string;
  @ApiProperty() message: string;
}

export class BureauUploadResponse implements BureauUpload {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'education' }) sector: string;
  @ApiProperty({ example: 'roster' }) kind: string;
  @ApiProperty({ example: '2026秋季学籍.xlsx' }) fileName: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: string;
  @ApiProperty({
    enum: ['checking', 'done', 'failed'],
    description: 'checking: rows are being relayed to the sector service',
  })
  status: 'checking' | 'done' | 'failed';
  @ApiProperty({ description: 'rows the file held' }) received: number;
  @ApiProperty({ description: 'rows answered for so far' }) processed: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty() signalsRaised: number;
  @ApiProperty() duplicateSignals: number;
  @ApiProperty({ type: UploadFailureResponse, nullable: true })
  failure: UploadFailureResponse | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/bureau-files/education/roster/uploads/5f1c…/errors.xlsx',
  })
  errorSheet: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
