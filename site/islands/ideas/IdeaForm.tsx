import { useEffect, useRef, useState } from 'preact/hooks';
import type { Campaign } from '#api/ideas/campaign-contract.ts';
import { submissionSchema } from '#api/ideas/contract.ts';
import { ApiRequestError } from '#site/lib/api-client.ts';
import { preValidate } from '#site/lib/pre-validate.ts';
import { ask, ideasClient } from './api.ts';
import { deviceToken } from './device.ts';
import { clearDraft, EMPTY_VALUES, loadDraft, saveDraft, tokenUsable, type IdeaValues } from './draft.ts';
import { day, messageOf } from './format.ts';
import IdeaFields from './IdeaFields.tsx';
import './ideas.css';
import PhotoField from './PhotoField.tsx';
import Receipt from './Receipt.tsx';
import SimilarIdeas from './SimilarIdeas.tsx';
import { OptionList, submitted } from '../forms/controls.tsx';

/** Props: the districts to choose from. */
interface Props {
  districts: Array<{ code: string; name: string }>;
}

/** The control of each field the API may name in an error. */
const FIELD_IDS: Record<string, string> = {
  title: 'idea-title',
  summary: 'idea-summary',
  body: 'idea-body',
  theme: 'idea-theme',
  district: 'idea-district',
  displayName: 'idea-name',
  contact: 'idea-contact',
  passphrase: 'idea-passphrase',
  consent: 'idea-consent',
  photo: 'idea-photo',
};

const newToken = () => ask(ideasClient['form-token'].$get()).then((r) => r.token);

/** The submission form: draft kept in localStorage, similar ideas shown, nothing lost when refused. */
export default function IdeaForm({ districts }: Props) {
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [values, setValues] = useState<IdeaValues>(EMPTY_VALUES);
  const [ready, setReady] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<{ code: string; recoverable: boolean } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ask(ideasClient.campaigns.$get())
      .then(({ campaigns: all }) => {
        const open = all.filter((c) => c.phase === 'collecting');
        const { formToken, ...draft } = loadDraft() ?? {};
        const campaignId = open.some((c) => c.id === draft.campaignId) ? (draft.campaignId ?? 0) : (open[0]?.id ?? 0);
        setValues({ ...EMPTY_VALUES, ...draft, campaignId, contact: '', passphrase: '', consent: false });
        setCampaigns(open);
        setReady(true);
        // A restored draft keeps the token from when the form was first shown, so the minimum fill
        // time is not counted again from now.
        if (tokenUsable(formToken)) setToken(formToken);
        else newToken().then(setToken, () => undefined);
      })
      .catch((err: unknown) => setProblem(messageOf(err)));
  }, []);
  useEffect(() => {
    if (ready) saveDraft(values, token);
  }, [values, ready, token]);

  const set = <K extends keyof IdeaValues>(key: K, value: IdeaValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (form: FormData) => {
    const website = String(form.get('website') ?? '');
    setBusy(true);
    setProblem('');
    try {
      // The API's own schema first: a field to change is said at once, in the API's words, offline too.
      const json = preValidate(submissionSchema, {
        ...values,
        website,
        device: deviceToken(),
        formToken: token || (await newToken()),
        ...(photo ? { photo } : {}),
      });
      const r = await ask(ideasClient.submissions.$post({ json }));
      setReady(false);
      clearDraft();
      setReceipt({ code: r.receipt, recoverable: values.passphrase !== '' });
    } catch (err) {
      setErrors(err instanceof ApiRequestError ? err.fields : {});
      setProblem(messageOf(err));
      if (err instanceof ApiRequestError && err.code.startsWith('form_token')) newToken().then(setToken, () => undefined);
      requestAnimationFrame(() => alertRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  if (receipt) return <Receipt code={receipt.code} recoverable={receipt.recoverable} />;
  if (!campaigns) return <p aria-live="polite">{problem || '正在载入征集活动……'}</p>;
  const campaign = campaigns.find((c) => c.id === values.campaignId);
  if (!campaign)
    return (
      <p class="notice">
        现在没有正在征集的活动。你可以先<a href="/ideas/">看看大家提出的金点子</a>，或到<a href="/ideas/results/">评选结果</a>
        页面查看往期获奖名单。
      </p>
    );

  return (
    <form class="idea-form" onSubmit={submitted((f) => void submit(f))} noValidate>
      <div ref={alertRef} tabIndex={-1}>
        {problem && (
          <div class="form-error" role="alert">
            {Object.keys(errors).some((f) => FIELD_IDS[f]) ? (
              <>
                <p>提交前请修改以下内容（你已填写的内容都还在）：</p>
                <ul>
                  {Object.entries(errors)
                    .filter(([field]) => FIELD_IDS[field])
                    .map(([field, text]) => (
                      <li key={field}>
                        <a href={`#${FIELD_IDS[field]}`}>{text}</a>
                      </li>
                    ))}
                </ul>
              </>
            ) : (
              <p>{problem}</p>
            )}
          </div>
        )}
      </div>
      {campaigns.length > 1 ? (
        <>
          <label for="idea-campaign">征集活动</label>
          <select
            id="idea-campaign"
            value={values.campaignId}
            onChange={(e) => set('campaignId', Number((e.currentTarget as HTMLSelectElement).value))}
          >
            <OptionList options={campaigns.map((c) => [c.id, c.title])} />
          </select>
        </>
      ) : (
        <p>
          征集活动：<strong>{campaign.title}</strong>（截止 {day(campaign.collectEndsAt)}）
        </p>
      )}
      <p class="hint">你填写的内容会自动保存在这台设备上（联系方式、找回口令和照片除外），提交成功后清除。</p>
      <IdeaFields values={values} set={set} errors={errors} themes={campaign.themes} districts={districts} />
      <SimilarIdeas campaignId={campaign.id} title={values.title} summary={values.summary} />
      <PhotoField error={errors['photo']} onPhoto={setPhoto} />
      <div class="trap" aria-hidden="true">
        <label for="idea-website">网站（请留空）</label>
        <input id="idea-website" name="website" tabIndex={-1} autocomplete="off" />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? '正在提交……' : '提交金点子'}
      </button>
    </form>
  );
}
