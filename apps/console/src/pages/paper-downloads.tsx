import { useState } from 'preact/hooks';
import { download } from '../api';
import { Outcome, useAction } from '../components';
import { lang, t } from '../i18n';

type Format = 'xlsx' | 'csv';

/** Buttons that download a paper as XLSX or CSV, and the outcome of the last one. */
export function PaperDownloads({
  path,
  name,
  test = 'download',
}: {
  /** the route of the paper in a format, in the reader's language */
  path: (format: Format) => string;
  /** the file name if the answer names none */
  name: (format: Format) => string;
  /** data-test prefix of the buttons */
  test?: string;
}) {
  const fetching = useAction();
  const [format, setFormat] = useState<Format>('xlsx');
  return (
    <>
      <div class="row wrap">
        {(['xlsx', 'csv'] as const).map((f) => (
          <button
            key={f}
            type="button"
            class={format === f ? '' : 'secondary'}
            disabled={fetching.busy}
            data-test={`${test}-${f}`}
            onClick={() => {
              setFormat(f);
              void fetching.run(async () => {
                await download(path(f), name(f));
                return t('dashboard.downloaded');
              });
            }}
          >
            {fetching.busy && format === f
              ? t('dashboard.downloading')
              : t('dashboard.download', { format: f.toUpperCase() })}
          </button>
        ))}
      </div>
      <Outcome state={fetching.state} />
    </>
  );
}

/** 责任追究登记 of a county month (the lapses whose limit fell in it), as a file to file. */
export function RegisterSection({ month }: { month: string }) {
  return (
    <div class="card" data-test="register">
      <h2>{t('dashboard.register', { month })}</h2>
      <p class="muted small">{t('dashboard.registerHint')}</p>
      <PaperDownloads
        test="register"
        path={(f) =>
          `/accountability?month=${month}&format=${f}&lang=${encodeURIComponent(lang())}`
        }
        name={(f) => `accountability-${month}.${f}`}
      />
    </div>
  );
}
