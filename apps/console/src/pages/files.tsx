import { useEffect, useRef, useState } from 'preact/hooks';
import {
  download,
  get,
  newRequestId,
  postForm,
  type BureauFileKind,
  type BureauUpload,
  type Principal,
} from '../api';
import { ErrorBox, Field, Loaded, Outcome, SubmitButton, useAction, useAsync } from '../components';
import { has, t } from '../i18n';

/** The County API's routes for a sector's files (docs/api.md, "Bureau files"). */
const FILES = {
  kinds: (sector: string) => `/bureau-files/${sector}`,
  template: (sector: string, kind: string, format: 'xlsx' | 'csv') =>
    `/bureau-files/${sector}/${kind}/template.${format}`,
  uploads: (sector: string, kind: string) => `/bureau-files/${sector}/${kind}/uploads`,
};

/** How often the page asks how far the sector service has got. */
const POLL_MS = 500;

const fieldLabel = (name: string) => {
  const key = `files.field.${name}`;
  return has(key) ? t(key) : name;
};

const percentOf = (part: number, whole: number) =>
  whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0;

/**
 * A bureau officer sends the bureau's file (.xlsx, or CSV in UTF-8 or GB18030): the upload's
 * progress as the bytes go, then the sector service's as it checks the rows, then the outcome
 * with the sheet of rejected rows. The blank templates are here too.
 */
export function FilesPage({ principal }: { principal: Principal }) {
  const sector = principal.sector ?? '';
  const kinds = useAsync(() => get<BureauFileKind[]>(FILES.kinds(sector)), [sector]);
  return (
    <section>
      <h1>{t('files.title')}</h1>
      <p class="muted small">{t('files.hint')}</p>
      <Loaded async={kinds}>{(list) => <UploadForm sector={sector} kinds={list} />}</Loaded>
    </section>
  );
}

function UploadForm({ sector, kinds }: { sector: string; kinds: BureauFileKind[] }) {
  const [kind, setKind] = useState(kinds[0]?.kind ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [file, setFile] = useState<File>();
  const [sent, setSent] = useState<{ loaded: number; total: number }>();
  const [upload, setUpload] = useState<BureauUpload>();
  const [refused, setRefused] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const templates = useAction();
  const errors = useAction();
  const chosen = kinds.find((k) => k.kind === kind);

  // While the sector service checks the rows: ask how far it has got.
  useEffect(() => {
    if (!upload || upload.status !== 'checking') return undefined;
    const timer = setTimeout(() => {
      get<BureauUpload>(`${FILES.uploads(sector, upload.kind)}/${upload.id}`).then(
        setUpload,
        setRefused,
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [upload, sector]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file || busy) return;
    const form = new FormData();
    form.set('requestId', requestId.current);
    for (const field of chosen?.fields ?? []) {
      const value = values[field.name]?.trim();
      if (value) form.set(field.name, value);
    }
    form.set('file', file, file.name);
    setBusy(true);
    setRefused(undefined);
    setUpload(undefined);
    setSent({ loaded: 0, total: file.size });
    try {
      const started = await postForm<BureauUpload>(FILES.uploads(sector, kind), form, (l, total) =>
        setSent({ loaded: l, total }),
      );
      // The next file is another upload; this one, sent again, would be the same.
      requestId.current = newRequestId();
      setUpload(started);
    } catch (error) {
      setRefused(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form class="card act-form" data-act="upload" onSubmit={(e) => void submit(e)}>
        <div class="grid2">
          <Field label={t('files.kind')}>
            <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.title}
                </option>
              ))}
            </select>
          </Field>
          {chosen?.fields.map((field) => {
            const input = {
              name: field.name,
              required: field.required,
              value: values[field.name] ?? '',
              onInput: (e: { currentTarget: HTMLInputElement }) =>
                setValues({ ...values, [field.name]: e.currentTarget.value }),
            };
            return (
              <Field key={field.name} label={fieldLabel(field.name)}>
                {field.name === 'termStart' ? (
                  <input type="date" {...input} />
                ) : (
                  <input type="text" {...input} />
                )}
              </Field>
            );
          })}
          <Field label={t('files.file')} hint={t('files.fileHint')}>
            <input
              name="file"
              type="file"
              required
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => setFile(e.currentTarget.files?.[0])}
            />
          </Field>
        </div>
        <SubmitButton busy={busy} text={t('files.submit')} />
      </form>

      {sent && (
        <div class="card" data-test="upload-progress">
          <Progress
            label={t('files.sending')}
            value={percentOf(sent.loaded, sent.total)}
            test="sent"
          />
          {upload && <Checking upload={upload} />}
          {upload?.errorSheet && upload.status !== 'checking' && (
            <button
              type="button"
              class="secondary"
              data-test="download-errors"
              disabled={errors.busy}
              onClick={() =>
                void errors.run(async () => {
                  await download(upload.errorSheet ?? '', `${upload.kind}-errors.xlsx`);
                  return t('files.downloaded');
                })
              }
            >
              {t('files.errorSheet')}
            </button>
          )}
          <Outcome state={errors.state} />
        </div>
      )}
      {refused !== undefined && <ErrorBox error={refused} />}

      <div class="card" data-test="templates">
        <h2>{t('files.templates')}</h2>
        <p class="muted small">{t('files.templatesHint')}</p>
        <div class="row wrap">
          {(['xlsx', 'csv'] as const).map((format) => (
            <button
              key={format}
              type="button"
              class="secondary"
              data-test={`template-${format}`}
              disabled={templates.busy || !chosen}
              onClick={() =>
                void templates.run(async () => {
                  await download(
                    FILES.template(sector, kind, format),
                    `${kind}-template.${format}`,
                  );
                  return t('files.downloaded');
                })
              }
            >
              {t('files.template', { format: format.toUpperCase() })}
            </button>
          ))}
        </div>
        <Outcome state={templates.state} />
      </div>
    </>
  );
}

function Progress({ label, value, test }: { label: string; value: number; test: string }) {
  return (
    <p class="progress-line">
      <span>{label}</span>
      <progress max={100} value={value} data-test={`progress-${test}`} />
      <span class="num">{value}%</span>
    </p>
  );
}

/** The sector service's progress, then the outcome. */
function Checking({ upload }: { upload: BureauUpload }) {
  const counts = {
    received: upload.received,
    processed: upload.processed,
    accepted: upload.accepted,
    rejected: upload.rejected,
    signals: upload.signalsRaised,
  };
  return (
    <div data-test="upload-status" data-status={upload.status}>
      <Progress
        label={t('files.checking')}
        value={percentOf(upload.processed, upload.received)}
        test="checked"
      />
      <p class="small" data-test="upload-counts">
        {t('files.counts', counts)}
      </p>
      {upload.status === 'done' && (
        <p class="notice ok" role="status" data-test="upload-done">
          {t('files.done', counts)}
        </p>
      )}
      {upload.status === 'failed' && (
        <p class="notice error" role="alert" data-test="upload-failed">
          {t('files.failed', { reason: upload.failure?.message ?? '' })}
        </p>
      )}
    </div>
  );
}
