import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Certificate, ContestInput } from '#api/contests/contract.ts';
import {
  answer,
  createContest,
  errorOf,
  jsonInit,
  organiser,
  organiserApi,
  organiserApp,
  rightChoices,
  started,
  submit,
  wrongChoice,
  type TestApp,
} from './contests-fixture.ts';

/** Three pupils who all did badly (2, 1 and 0 of 10 right) and one who passed (7 of 10). */
const PUPILS = [
  { name: '甲', right: 2 },
  { name: '乙', right: 1 },
  { name: '丙', right: 0 },
  { name: '丁', right: 7 },
];

describe('certificates by the organiser’s rule', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => ({ t, cookie } = await organiserApp()));
  afterAll(async () => t.cleanup());

  /** Runs a contest with `PUPILS` to its close under `rule`; each pupil's certificate afterwards. */
  async function certificatesUnder(rule: Partial<ContestInput>): Promise<Map<string, Certificate>> {
    const contest = await createContest(t, cookie, { teamMode: 'none', teams: [], ...rule });
    for (const p of PUPILS) {
      const run = (await started(t, contest.code, { name: p.name, team: '' })).attempt;
      const right = rightChoices(contest, run);
      for (const q of run.questions)
        await answer(t, run.token, q.n, q.n < p.right ? (right[q.n] ?? []) : wrongChoice(right[q.n] ?? [], q.options.length));
      await submit(t, run.token);
    }
    t.clock.advance(3 * 3600_000);
    cookie = await organiser(t);
    const res = await organiserApi(t, cookie)[':id'].certificates.$get({ param: { id: String(contest.id) } });
    const { certificates } = await res.json();
    return new Map(certificates.map((c) => [c.name, c]));
  }
  const kinds = (m: Map<string, Certificate>) => PUPILS.map((p) => [p.name, m.get(p.name)?.typeName]);

  test('by default, a place never earns a 荣誉证书 with a low score', async () => {
    const m = await certificatesUnder({ honourTop: 3 });
    // 丁 is first with 70; 甲 (20) and 乙 (10) are second and third but below the pass mark of 60.
    expect(kinds(m)).toEqual([
      ['甲', '参与证明'],
      ['乙', '参与证明'],
      ['丙', '参与证明'],
      ['丁', '荣誉证书'],
    ]);
    expect(m.get('丁')).toMatchObject({ rank: 1, score: 70 });
  });

  test('serves each certificate as a one-page landscape A4 PDF with its words, its unit and a link to its verification page', async () => {
    const m = await certificatesUnder({ honourTop: 3 });
    const cert = m.get('丁');
    if (!cert) throw new Error('no certificate');
    const res = await t.app.request(`/api/contests/certificates/${cert.code.toLowerCase()}/certificate.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('荣誉证书-丁-')}`);
    const pdf = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.7')).toBe(true);
    expect([...pdf.matchAll(/\/Type \/Page\b/g)]).toHaveLength(1);
    expect(pdf).toContain('/MediaBox [0 0 841.89 595.28]');
    // Chinese text is drawn as UCS-2 in STSong-Light: look for the words as a reader would decode them.
    const ucs2 = (s: string) => [...s].map((ch) => (ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')).join('');
    for (const words of ['荣获第 1 名', '扬州市梅岭小学', '丁：', cert.contestTitle, `证书编号 ${cert.code}`])
      expect(pdf).toContain(ucs2(words));
    expect(pdf).toContain(`/URI (${t.env.siteUrl}/contest/certificate/?code=${cert.code})`);
    // Every object is where the cross-reference table says, or readers would call the file damaged.
    const xref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    const offsets = [...pdf.slice(xref).matchAll(/(\d{10}) 00000 n/g)].map((x) => Number(x[1]));
    expect(offsets.length).toBeGreaterThan(5);
    offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj\n`.length)).toBe(`${i + 1} 0 obj\n`));
    // A real reader (poppler) reads the words back, and the QR code on its rendering opens the verification page.
    const dir = mkdtempSync(joinPath(tmpdir(), 'cert-pdf-'));
    writeFileSync(joinPath(dir, 'c.pdf'), Buffer.from(pdf, 'latin1'));
    const words = execFileSync('pdftotext', ['-layout', joinPath(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
    for (const w of ['荣 誉 证 书', '丁：', '荣获第 1 名', '扬州市梅岭小学', cert.contestTitle]) expect(words).toContain(w);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', joinPath(dir, 'c.pdf'), joinPath(dir, 'page')]);
    const { data, info } = await sharp(joinPath(dir, 'page.png')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBeGreaterThan(info.height);
    const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
    expect(qr?.data).toBe(`${t.env.siteUrl}/contest/certificate/?code=${cert.code}`);
    rmSync(dir, { recursive: true, force: true });
    const missing = await t.app.request('/api/contests/certificates/AAAA-AAAA-AAAA/certificate.pdf');
    expect(missing.status).toBe(404);
  });

  test('“only by score” gives 合格证书 to everyone at or above the mark, and no places', async () => {
    const m = await certificatesUnder({ certificateRule: 'score', passScore: 20 });
    expect(kinds(m)).toEqual([
      ['甲', '合格证书'],
      ['乙', '参与证明'],
      ['丙', '参与证明'],
      ['丁', '合格证书'],
    ]);
    expect(m.get('丁')?.rank).toBeNull();
  });

  test('“only by place” with a mark the organiser lowered to 0 gives the top three a 荣誉证书 and nobody a 合格证书', async () => {
    const m = await certificatesUnder({ certificateRule: 'top', honourTop: 3, passScore: 0 });
    expect(kinds(m)).toEqual([
      ['甲', '荣誉证书'],
      ['乙', '荣誉证书'],
      ['丙', '参与证明'],
      ['丁', '荣誉证书'],
    ]);
  });

  test('serves a QR code that opens the certificate’s verification page, and refuses a malformed code', async () => {
    const qr = await t.app.request('/api/contests/certificates/acde-fhjk-mnpr/qr.svg');
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toContain('<svg');
    const bad = await t.app.request('/api/contests/certificates/ABC/qr.svg');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toContain('12 位');
  });

  test('refuses a pass mark outside 0–100 in Chinese', async () => {
    const res = await t.app.request(
      '/api/admin/contests',
      jsonInit(
        'POST',
        {
          title: '梅岭小学应急知识竞赛',
          opensAt: t.clock.now,
          closesAt: t.clock.now + 3600_000,
          audience: '小学',
          selection: { mode: 'mix', count: 5, category: {}, type: {}, difficulty: {} },
          timeLimitMinutes: 10,
          teamMode: 'none',
          passScore: 101,
        },
        { cookie },
      ),
    );
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('合格分数最多 100');
  });
});
