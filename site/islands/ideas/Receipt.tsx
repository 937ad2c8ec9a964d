import { useEffect, useRef, useState } from 'preact/hooks';

/** Props: the receipt code the server returned, and whether a recovery passphrase was set. */
interface Props {
  code: string;
  recoverable: boolean;
}

/** After submitting: the receipt code (shown once, stored nowhere in clear) and what happens next. */
export default function Receipt({ code, recoverable }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => heading.current?.focus(), []);
  const copy = () =>
    navigator.clipboard.writeText(code).then(
      () => setCopied('已复制回执码。'),
      () => setCopied('无法自动复制，请手动抄下回执码。'),
    );
  return (
    <section class="card" aria-labelledby="receipt-title">
      <h2 id="receipt-title" ref={heading} tabIndex={-1}>
        提交成功，谢谢你的金点子！
      </h2>
      <p>你的回执码是：</p>
      <p class="receipt-code" data-receipt>
        {code}
      </p>
      <p>
        <strong>请抄下或截图保存回执码。</strong>它只显示这一次，是查询审核和评选进度的凭证。
        {recoverable
          ? '如果丢失，可以在“查询进度”页面凭联系方式和找回口令重新领取一个新的回执码（原回执码随即作废）。'
          : '你没有设置找回口令，回执码丢失后无法找回。'}
      </p>
      <p>
        <button type="button" class="secondary" onClick={() => void copy()}>
          复制回执码
        </button>{' '}
        <span role="status">{copied}</span>
      </p>
      <p>审核员会尽快审核，通过后金点子会公开展示，其他市民可以支持它。</p>
      <p>
        <a href={`/ideas/track/#${code}`}>用回执码查询进度</a>　<a href="/ideas/">返回金点子</a>
      </p>
    </section>
  );
}
