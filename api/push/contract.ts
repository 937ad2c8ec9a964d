// The wire contract of residents' push subscriptions and of the message the service worker reads.
// Schemas and types only, no I/O: site/islands/warnings and site/sw import this.
import { z } from 'zod';
import '../zod-messages.ts';
import { districtCodes } from '../domain/areas.ts';
import { hazardCodeSchema, levelCodeSchema } from '../domain/hazards.ts';

/** Bytes a base64url string decodes to (padding ignored), without Node's Buffer. */
const decodedLength = (s: string) => Math.floor((s.replace(/=+$/, '').length * 3) / 4);

const b64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what}格式不正确`)
    .refine((s) => decodedLength(s) === bytes, `${what}长度不正确`);

/** What a resident asks to receive by push. */
export const pushPrefsSchema = z.object({
  /** Districts to hear about (whole-city warnings always reach everyone). */
  districts: z
    .array(z.enum(districtCodes, { error: '未知的区县代码' }))
    .min(1, '请至少选择一个区县')
    .max(6),
  /** Hazard codes, or null for all. */
  hazards: z.array(hazardCodeSchema).min(1).max(30).nullable().default(null),
  /** The lowest level to be told about. */
  minLevel: levelCodeSchema.default('blue'),
  /** Also receive 演练/测试 messages. */
  exercises: z.boolean().default(false),
});

/** A resident's push preferences, as stored and sent. */
export type PushPrefs = z.output<typeof pushPrefsSchema>;

/** `POST /api/subscriptions`: the preferences and the browser's PushSubscription (its JSON form). */
export const subscribeSchema = pushPrefsSchema.extend({
  subscription: z.object({
    endpoint: z.string().url('推送地址不正确').max(1000),
    keys: z.object({ p256dh: b64url(65, '推送公钥'), auth: b64url(16, '推送密钥') }),
  }),
});

/** `/api/subscriptions/:id`. */
export const subscriptionIdParamSchema = z.object({ id: z.coerce.number().int().positive() });

/** What the service worker receives for one warning message (kept well under 2 KB). */
export const pushPayloadSchema = z.object({
  v: z.literal(1),
  id: z.number().int(),
  /** Identifier of the first message of the event: the notification tag, so an Update replaces it. */
  tag: z.string().min(1),
  title: z.string(),
  body: z.string(),
  level: levelCodeSchema,
  /** 1 (blue) … 4 (red): a notification sounds again only when this rises. */
  rank: z.number().int(),
  status: z.enum(['Actual', 'Exercise', 'Test']),
  msgType: z.enum(['Alert', 'Update', 'Cancel']),
  /** A path of this site (never another host). */
  url: z.string().refine((u) => u.startsWith('/') && !u.startsWith('//')),
  /** Expiry (ms): the worker drops a message that arrives after it. */
  expires: z.number(),
});

/** One push message for the service worker. */
export type PushPayload = z.output<typeof pushPayloadSchema>;
