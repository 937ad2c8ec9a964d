import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** Where generated server state (database file, secret, keys) lives unless configured otherwise. */
export const DATA_DIR = resolve(process.env['DATA_DIR'] ?? 'data');

const urlSchema = z.string().refine((v) => URL.canParse(v), '应为完整网址，例如 http://127.0.0.1:4321');

/** The server's configuration, parsed once from the environment. */
export const envSchema = z.object({
  /** libSQL URL: `file:data/app.db` (embedded) or `http(s)://…` / `libsql://…` (a libSQL server). */
  DATABASE_URL: z
    .string()
    .regex(/^(file:|https?:\/\/|libsql:\/\/|wss?:\/\/)/, '应以 file:、http://、https://、libsql:// 开头')
    .default('file:data/app.db'),
  /** Token for a libSQL server that requires one. */
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  /** Interface to listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port to listen on. */
  PORT: z.coerce.number().int('应为整数').min(1, '应在 1–65535 之间').max(65535, '应在 1–65535 之间').default(4321),
  /** Public address of the site; its origin is the only one allowed to change state. */
  SITE_URL: urlSchema.optional(),
  /** Server secret for hashing addresses and signing tokens; generated under data/ when absent. */
  SERVER_SECRET: z.string().min(32, '至少 32 个字符').optional(),
  /** Directory of the built site. */
  DIST_DIR: z.string().default('dist'),
});

/** Parsed configuration with every default filled in. */
export interface Env {
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  host: string;
  port: number;
  siteUrl: string;
  siteOrigin: string;
  secret: string;
  distDir: string;
  dataDir: string;
}

/** Thrown when a variable is invalid; the message names the variable and what it should be. */
export class EnvError extends Error {}

/** Reads the secret from data/secret, creating it on first start. */
function loadOrCreateSecret(dataDir: string): string {
  const path = resolve(dataDir, 'secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Parses and completes configuration from `source` (default: process.env). */
export function loadEnv(source: NodeJS.ProcessEnv = process.env, dataDir = DATA_DIR): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}: ${i.message}（当前值：${JSON.stringify(source[String(i.path[0])])}）`,
    );
    throw new EnvError(`配置有误，服务未启动：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const siteUrl = e.SITE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  if (e.DATABASE_URL.startsWith('file:')) {
    mkdirSync(dirname(resolve(e.DATABASE_URL.slice('file:'.length))), { recursive: true });
  }
  return {
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    host: e.HOST,
    port: e.PORT,
    siteUrl,
    siteOrigin: new URL(siteUrl).origin,
    secret: e.SERVER_SECRET ?? loadOrCreateSecret(dataDir),
    distDir: resolve(e.DIST_DIR),
    dataDir,
  };
}
