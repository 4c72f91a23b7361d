import { kindsOf } from '@sanbao/domain';
import { useRef, useState } from 'preact/hooks';
import { newRequestId, post, SECTORS, type Principal, type Sector } from '../api';
import { Field, Outcome, SubmitButton, useAction } from '../components';
import { useDivisions } from '../divisions';
import { dateTime } from '../format';
import { label, t } from '../i18n';
import { href } from '../router';

/** The sector's kinds from the one kind catalogue (libs/domain), as the API accepts them. */
const KINDS = Object.fromEntries(SECTORS.map((s) => [s, kindsOf(s)])) as Record<
  Sector,
  readonly string[]
>;
const CHANNELS = ['village_patrol', 'hotline', 'household'] as const;

interface Reported {
  issueKey: string;
  ledgerNo: string | null;
  created: boolean;
  currentDueAt: string | null;
}

export function ReportPage({ principal }: { principal: Principal }) {
  const divisions = useDivisions();
  const [sector, setSector] = useState<Sector>(principal.sector ?? 'education');
  const [kind, setKind] = useState(KINDS[principal.sector ?? 'education'][0]);
  const [household, setHousehold] = useState('');
  const [personRef, setPersonRef] = useState('');
  const [villageCode, setVillageCode] = useState(principal.villageCode ?? '');
  const [summary, setSummary] = useState('');
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('village_patrol');
  const [reported, setReported] = useState<Reported>();
  const action = useAction();
  const requestId = useRef(newRequestId());

  const villages = divisions.villages.filter((v) =>
    principal.townshipCode ? v.townshipCode === principal.townshipCode : true,
  );

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const answer = await post<Reported>('/issues', {
        requestId: requestId.current,
        sector,
        kind,
        subject: {
          kind: 'household',
          id: household.trim(),
          ...(personRef.trim() ? { personRef: personRef.trim() } : {}),
          villageCode: villageCode || principal.villageCode,
        },
        summary,
        channel,
      });
      requestId.current = newRequestId();
      setReported(answer);
      return answer.created
        ? t('report.done', {
            no: answer.ledgerNo ?? answer.issueKey,
            due: dateTime(answer.currentDueAt),
          })
        : t('report.existing', { no: answer.ledgerNo ?? answer.issueKey });
    });
  };

  return (
    <section>
      <h1>{t('report.title')}</h1>
      <p class="muted small">{t('report.hint')}</p>
      <form class="card act-form" data-act="report" onSubmit={submit}>
        <div class="grid2">
          <Field label={t('report.sector')}>
            <select
              name="sector"
              value={sector}
              disabled={Boolean(principal.sector)}
              onChange={(e) => {
                const next = e.currentTarget.value as Sector;
                setSector(next);
                setKind(KINDS[next][0]);
              }}
            >
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {label('sector', s)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('report.kind')}>
            <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              {KINDS[sector].map((k) => (
                <option key={k} value={k}>
                  {label('kind', k)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('report.village')}>
            <select
              name="villageCode"
              required
              value={villageCode}
              disabled={Boolean(principal.villageCode)}
              onChange={(e) => setVillageCode(e.currentTarget.value)}
            >
              {!principal.villageCode && <option value="">—</option>}
              {(principal.villageCode
                ? [
                    {
                      code: principal.villageCode,
                      name: divisions.villageName(principal.villageCode),
                      townshipCode: '',
                    },
                  ]
                : villages
              ).map((v) => (
                <option key={v.code} value={v.code}>
                  {v.townshipCode ? `${divisions.townshipName(v.townshipCode)} · ` : ''}
                  {v.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('report.channel')}>
            <select
              name="channel"
              value={channel}
              onChange={(e) => setChannel(e.currentTarget.value as (typeof CHANNELS)[number])}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {label('channel', c)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('report.household')}>
            <input
              name="household"
              required
              pattern="[A-Za-z0-9\-]{1,64}"
              value={household}
              onInput={(e) => setHousehold(e.currentTarget.value)}
            />
          </Field>
          <Field label={t('report.personRef')}>
            <input
              name="personRef"
              pattern="[A-Za-z0-9_\-]{1,64}"
              value={personRef}
              onInput={(e) => setPersonRef(e.currentTarget.value)}
            />
          </Field>
        </div>
        <Field label={t('report.summary')}>
          <textarea
            name="summary"
            required
            rows={4}
            value={summary}
            onInput={(e) => setSummary(e.currentTarget.value)}
          />
        </Field>
        <SubmitButton busy={action.busy} />
        <Outcome state={action.state} />
        {action.state.phase === 'done' && reported && (
          <a
            class="button"
            href={href(`/issues/${reported.ledgerNo ?? reported.issueKey}`)}
            data-test="open-reported"
          >
            {t('report.open')}
          </a>
        )}
      </form>
    </section>
  );
}
