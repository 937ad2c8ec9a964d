import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '#api/db/client.ts';
import { databaseBefore } from '../fixtures/migrations.ts';

// A database written by the version before the foreign keys (every migration up to `foreign-keys`),
// holding rows of every relation, including what that version could leave dangling: a delivery item
// of a subscription that was removed, a CAP feed item of a discarded draft. The new migration must
// keep every row, and from then on the database holds rows to what they refer to.
const TABLES = [
  'accounts',
  'sessions',
  'warnings',
  'push_subscriptions',
  'deliveries',
  'delivery_items',
  'contests',
  'contest_questions',
  'contest_attempts',
  'contest_answers',
  'contest_extra_times',
  'idea_campaigns',
  'ideas',
  'idea_scores',
  'cap_feeds',
  'cap_feed_items',
] as const;

const ROWS = `
INSERT INTO accounts (id, username, display_name, password_hash, roles, created_at, updated_at)
  VALUES (1, 'chief', '王主任', 'x', '["admin","publisher","organizer"]', 1, 1);
INSERT INTO sessions (id, account_id, created_at, last_seen_at, expires_at) VALUES ('s1', 1, 1, 1, 9);
INSERT INTO warnings (id, state, identifier, sender, sender_name, sent, status, msg_type, hazard, level, urgency, certainty,
  response_type, effective, expires, headline, description, instruction, actions, areas, created_by, published_by, created_at, updated_at)
  VALUES (1, 'published', 'ID-1', 'qxt', '扬州市气象台', 1, 'Actual', 'Alert', 'rainstorm', 'orange', 'Immediate', 'Likely',
  'Prepare', 1, 9, '暴雨橙色预警', '说明说明说明', '指引指引', '["远离低洼处"]', '["321002"]', 1, 1, 1, 1);
INSERT INTO warnings (id, state, sender, sender_name, status, msg_type, replaces, hazard, level, urgency, certainty,
  response_type, effective, expires, headline, description, instruction, areas, created_by, created_at, updated_at)
  VALUES (2, 'draft', 'qxt', '扬州市气象台', 'Actual', 'Update', 1, 'rainstorm', 'red', 'Immediate', 'Likely',
  'Prepare', 1, 9, '暴雨红色预警', '说明说明说明', '指引指引', '["321000"]', 1, 1, 1);
INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, districts, hazards, min_rank, exercises, token_hash, created_at, updated_at)
  VALUES (1, 'https://push.example/1', 'p', 'a', '["321002"]', NULL, 1, 0, 't', 1, 1);
INSERT INTO deliveries (id, warning_id, state, created_at) VALUES (1, 1, 'done', 1);
INSERT INTO delivery_items (delivery_id, subscription_id, state) VALUES (1, 1, 'sent'), (1, 77, 'removed');
INSERT INTO contests (id, code, title, unit_name, created_by, opens_at, closes_at, audience, selection, time_limit_ms, teams, created_at, updated_at)
  VALUES (1, 'ABCDEF', '防汛知识竞赛', '梅岭小学', 1, 1, 9, '小学', '{"mode":"pick","ids":["flood-001"]}', 60000, '["三（1）班"]', 1, 1),
         (2, 'GHJKLM', '还没有人参加', '梅岭小学', 1, 1, 9, '小学', '{"mode":"pick","ids":["flood-001"]}', 60000, '[]', 1, 1);
INSERT INTO contest_questions (contest_id, position, question_id, type, stem, options, answer, explanation, guide, category, difficulty)
  VALUES (1, 0, 'flood-001', 'truefalse', '题干题干', '["正确","错误"]', '[0]', '解析解析解析', 'flood', 'natural', 1),
         (2, 0, 'flood-001', 'truefalse', '题干题干', '["正确","错误"]', '[0]', '解析解析解析', 'flood', 'natural', 1);
INSERT INTO contest_attempts (id, contest_id, participant_key, name_key, attempt_no, name, device_hash, started_at, deadline,
  submitted_at, finished_by, correct, question_order, option_orders, certificate_code)
  VALUES (1, 1, 'k', 'n', 1, '王小明', 'd', 1, 9, 2, 'submit', 1, '[0]', '[[0,1]]', 'CERT-1');
INSERT INTO contest_answers (attempt_id, position, choice, correct, rev, saved_at) VALUES (1, 0, '[0]', 1, 1, 1);
INSERT INTO contest_extra_times (contest_id, name_key, extra_ms, granted_by, granted_at) VALUES (2, 'n', 60000, 1, 1);
INSERT INTO idea_campaigns (id, title, description, themes, collect_starts_at, collect_ends_at, judging_ends_at, awards, criteria, created_at, updated_at)
  VALUES (1, '金点子', '说明', '["其他"]', 1, 2, 3, '[]', '[{"key":"a","name":"创新性","weight":100}]', 1, 1);
INSERT INTO ideas (id, campaign_id, receipt_hash, title, summary, body, theme, district, consent_at, status, flag_reasons, submitter_hash, device_hash, created_at, updated_at)
  VALUES (1, 1, 'r1', '标题标题', '摘要摘要摘要摘要摘要', '正文', '其他', '321002', 1, 'published', '["含词语“x”"]', 'h', 'd', 1, 1);
INSERT INTO ideas (id, campaign_id, receipt_hash, title, summary, body, theme, district, consent_at, status, duplicate_of_id, submitter_hash, device_hash, created_at, updated_at)
  VALUES (2, 1, 'r2', '标题标题', '摘要摘要摘要摘要摘要', '正文', '其他', '321002', 1, 'duplicate', 1, 'h', 'd', 1, 1);
INSERT INTO idea_scores (campaign_id, idea_id, judge_id, scores, weighted, submitted_at) VALUES (1, 1, 1, '{"a":8}', 80, 1);
INSERT INTO cap_feeds (id, url, name, created_by, created_at) VALUES (1, 'https://feed.example/cap', '省预警中心', 1, 1);
INSERT INTO cap_feed_items (feed_id, ref, outcome, warning_id, at) VALUES (1, 'a', 'published', 1, 1), (1, 'b', 'draft', 55, 1);
`;

const counts = async (database: Database) =>
  Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, Number((await database.client.execute(`SELECT count(*) FROM ${t}`)).rows[0]?.[0])])),
  );

describe('the foreign-keys migration on a database of the previous version', () => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let before: Record<string, number>;

  beforeAll(async () => {
    const old = await databaseBefore('foreign-keys', ROWS);
    ({ database, cleanup } = old);
    before = await counts(database);
    await old.upgrade();
  });
  afterAll(() => cleanup());

  test('keeps every row, and the rows read back typed', async () => {
    expect(before['delivery_items']).toBe(2);
    expect(await counts(database)).toEqual(before);
    const contest = await database.db.query.contests.findFirst({ where: (c, { eq }) => eq(c.id, 1) });
    expect(contest?.teams).toEqual(['三（1）班']);
    expect(contest?.selection).toEqual({ mode: 'pick', ids: ['flood-001'] });
    const warning = await database.db.query.warnings.findFirst({ where: (w, { eq }) => eq(w.id, 1) });
    expect(warning?.areas).toEqual(['321002']);
    const account = await database.db.query.accounts.findFirst();
    expect(account?.roles).toEqual(['admin', 'publisher', 'organizer']);
  });

  test('the only dangling reference of the old version, a feed item of a discarded draft, loses just that link', async () => {
    const items = await database.client.execute('SELECT ref, warning_id FROM cap_feed_items ORDER BY ref');
    expect(items.rows.map((r) => [r[0], r[1]])).toEqual([
      ['a', 1],
      ['b', null],
    ]);
    expect((await database.client.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
  });

  test('refuses a row that refers to nothing, and a deleted contest with attempts', async () => {
    await expect(
      database.client.execute(
        "INSERT INTO contest_questions (contest_id, position, question_id, type, stem, options, answer, explanation, guide, category, difficulty) VALUES (99, 0, 'q', 'single', 's', '[]', '[]', 'e', 'g', 'natural', 1)",
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(database.client.execute('DELETE FROM contests WHERE id = 1')).rejects.toThrow(/FOREIGN KEY/);
    expect(Number((await database.client.execute('SELECT count(*) FROM contest_attempts')).rows[0]?.[0])).toBe(1);
  });

  test('deleting a contest nobody joined takes its questions and extra times with it', async () => {
    await database.client.execute('DELETE FROM contests WHERE id = 2');
    const left = await database.client.execute(
      'SELECT (SELECT count(*) FROM contest_questions WHERE contest_id = 2), (SELECT count(*) FROM contest_extra_times WHERE contest_id = 2)',
    );
    expect(left.rows[0]?.[0]).toBe(0);
    expect(left.rows[0]?.[1]).toBe(0);
  });
});
