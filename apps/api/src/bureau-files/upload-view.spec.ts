import type { BureauUploadEntity } from '@sanbao/persistence';
import { STALLED_AFTER_MS, uploadView } from './upload-view';

const at = new Date('2026-12-01T08:00:00Z');
const row = (over: Partial<BureauUploadEntity> = {}): BureauUploadEntity => ({
  id: '5f1c2d0e-8b1a-4c5e-9f00-1d2e3f4a5b6c',
  userId: '0b7e1c2d-8b1a-4c5e-9f00-1d2e3f4a5b6c',
  requestId: '1a7e1c2d-8b1a-4c5e-9f00-1d2e3f4a5b6c',
  sector: 'education',
  kind: 'roster',
  fileName: '名单.xlsx',
  format: 'xlsx',
  status: 'checking',
  received: 1000,
  processed: 500,
  accepted: 499,
  signalsRaised: 3,
  duplicateSignals: 0,
  rejected: [{ index: 4, line: 6, errors: [{ field: 'birthDate', messages: ['x'] }] }],
  failure: null,
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe('uploadView', () => {
  it('counts the rejected rows and links their sheet', () => {
    expect(uploadView(row(), at.getTime())).toMatchObject({
      status: 'checking',
      processed: 500,
      rejected: 1,
      errorSheet:
        '/bureau-files/education/roster/uploads/5f1c2d0e-8b1a-4c5e-9f00-1d2e3f4a5b6c/errors.xlsx',
    });
    expect(uploadView(row({ rejected: [] }), at.getTime()).errorSheet).toBeNull();
  });

  it('reads an upload whose relay stopped moving as failed (its API instance is gone)', () => {
    const later = at.getTime() + STALLED_AFTER_MS + 1;
    expect(uploadView(row(), later)).toMatchObject({
      status: 'failed',
      failure: { code: 'interrupted' },
    });
    expect(uploadView(row({ status: 'done' }), later)).toMatchObject({
      status: 'done',
      failure: null,
    });
  });
});
