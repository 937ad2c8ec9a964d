import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { isLoopbackHttp, parseTrustedProxies, TrustedProxies } from './client-address.ts';
import { mapTileEnvSchema, parseMapTiles, type MapTiles } from './map-tiles.ts';
import { parseAllowlist } from './push/allowlist.ts';
import { storageProblem } from './storage-problem.ts';
import { defaultCryptoThreads } from './push/encrypt-pool.ts';

/** `DATA_DIR`: where generated server state (database file, secret, keys) lives; `data` by default. */
export const dataDirOf = (source: NodeJS.ProcessEnv = process.env): string => resolve(source['DATA_DIR'] ?? 'data');

/** `CONTENT_DIR`: the content folder (tests point it elsewhere); `content` by default. */
export const contentDirOf = (source: NodeJS.ProcessEnv = process.env): string => resolve(source['CONTENT_DIR'] ?? 'content');

/** The content folder of this process, read once; the server-side content readers and the build use it. */
export const CONTENT_DIR = contentDirOf();

/** Whether a secret is configured (SERVER_SECRET, or a `secret` file in the data folder) without creating one. */
export function hasSecret(source: NodeJS.ProcessEnv = process.env, dataDir = dataDirOf(source)): boolean {
  return Boolean(source['SERVER_SECRET']) || existsSync(join(dataDir, 'secret'));
}

const urlSchema = z.string().refine((v) => URL.canParse(v), '应为完整网址，例如 http://127.0.0.1:4321');

/** The server's configuration, parsed once from the environment. */
export const envSchema = mapTileEnvSchema.extend({
  /** libSQL URL: `file:…` (embedded; default `app.db` under DATA_DIR) or `http(s)://…` / `libsql://…` (a libSQL server). */
  DATABASE_URL: z
    .string()
    .regex(/^(file:|https?:\/\/|libsql:\/\/|wss?:\/\/)/, '应以 file:、http://、https://、libsql:// 开头')
    .optional(),
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
  /** Push services whose endpoints may be subscribed: comma-separated https origins, `*.` for subdomains. */
  PUSH_ENDPOINT_ALLOWLIST: z
    .string()
    .regex(/^(https:\/\/[^,\s]+)(,\s*https:\/\/[^,\s]+)*$/, '应为逗号分隔的 https:// 来源列表')
    .optional(),
  /** Concurrent requests to push services while delivering (default 64). */
  PUSH_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(64),
  /** Threads encrypting push messages while delivering (default: the cores beside the main thread, at most 4; 0 = none). */
  PUSH_CRYPTO_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  /** Seconds a delivery worker holds a claimed batch before another process may take it over. */
  PUSH_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** Seconds to wait for the connection and TLS handshake to a push service before counting it as down. */
  PUSH_CONNECT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(5),
  /** Seconds to wait for a push service's answer once a request is sent. */
  PUSH_RESPONSE_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
  /** Seconds each call to a libSQL server may take before the request gets a 503. */
  DATABASE_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(5),
  /** Seconds SIGTERM/SIGINT waits for in-flight deliveries and requests before a forced (non-zero) exit. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0.1).max(600).default(20),
  /** New push subscriptions allowed per client address per hour (many residents may share one address). */
  SUBSCRIBE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(120),
  /** Bearer token for `/metrics`; without it, only this machine may read them. */
  METRICS_TOKEN: z.string().min(32, '至少 32 个字符').optional(),
  /** Trusted reverse proxies: comma-separated addresses or CIDR ranges (default: none, forwarding headers ignored). */
  TRUST_PROXY: z
    .string()
    .refine((v) => parseTrustedProxies(v) !== null, '应为逗号分隔的 IP 地址或 CIDR 网段，例如 127.0.0.1,10.0.0.0/8')
    .optional(),
  /** Origins CAP source feeds may be read from: comma-separated https origins (default: none, so no feed can be added). */
  CAP_FEED_ALLOWLIST: z
    .string()
    .regex(/^\s*(https:\/\/[^,\s/]+)(\s*,\s*https:\/\/[^,\s/]+)*\s*$/, '应为逗号分隔的 https:// 来源列表，例如 https://www.12379.js.cn')
    .optional(),
  /** Seconds between polls of each CAP source feed (backoff doubles it after failures). */
  CAP_FEED_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  /** Second factor for admins and publishers: `required` (default) or `optional` (only on a loopback http SITE_URL). */
  STAFF_TOTP: z.enum(['required', 'optional'], { error: '应为 required 或 optional' }).default('required'),
});

/** Parsed configuration with every default filled in. */
export interface Env {
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  host: string;
  port: number;
  siteUrl: string;
  siteOrigin: string;
  /** Whether the site is served over https: secure cookies and HSTS. */
  secure: boolean;
  secret: string;
  distDir: string;
  /** DATA_DIR, absolute. */
  dataDir: string;
  /** CONTENT_DIR, absolute. */
  contentDir: string;
  pushAllowlist: string[];
  pushConcurrency: number;
  /** Threads encrypting push messages while delivering. */
  pushCryptoThreads: number;
  subscribeLimitPerHour: number;
  pushLeaseMs: number;
  /** Bearer token for `/metrics`, or undefined for loopback-only access. */
  metricsToken: string | undefined;
  /** Trusted reverse proxies; empty means forwarding headers are ignored. */
  trustProxy: TrustedProxies;
  /** Whether admins and publishers must use a second factor. */
  staffTotp: 'required' | 'optional';
  /** The shelter map's base layer (MAP_TILE_*), or null when none is configured. */
  mapTiles: MapTiles | null;
  pushConnectTimeoutMs: number;
  pushResponseTimeoutMs: number;
  databaseTimeoutMs: number;
  shutdownGraceMs: number;
  /** Origins CAP source feeds may be read from (CAP_FEED_ALLOWLIST). */
  capFeedAllowlist: string[];
  /** Interval between polls of each CAP source feed. */
  capFeedPollMs: number;
}

/** Thrown when a variable is invalid; the message names the variable and what it should be. */
export class EnvError extends Error {}

/** Creates `dir` if needed and proves it writable with a probe file; an EnvError naming the folder otherwise. */
function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.write-test-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
  } catch (err) {
    throw new EnvError(storageProblem(dir, err));
  }
}

/** Reads the secret from data/secret, creating it on first start. */
function loadOrCreateSecret(dataDir: string): string {
  const path = resolve(dataDir, 'secret');
  try {
    if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  } catch (err) {
    throw new EnvError(
      `密钥文件 ${path} 无法读取（${String((err as { code?: unknown }).code ?? err)}），请修改它的权限，或用 SERVER_SECRET 提供密钥。服务未启动。`,
    );
  }
  ensureWritableDir(dirname(path));
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    throw new EnvError(
      `密钥文件 ${path} 无法写入（${String((err as { code?: unknown }).code ?? err)}），请让数据目录可写，或用 SERVER_SECRET 提供密钥。服务未启动。`,
    );
  }
  return secret;
}

/** Parses and completes configuration from `source` (default: process.env); `dataDir` overrides its DATA_DIR. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env, dataDir = dataDirOf(source)): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}: ${i.message}（当前值：${JSON.stringify(source[String(i.path[0])])}）`,
    );
    throw new EnvError(`配置有误，服务未启动：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let mapTiles: MapTiles | null;
  try {
    mapTiles = parseMapTiles(e);
  } catch (err) {
    throw new EnvError(`配置有误，服务未启动：\n  MAP_TILE_URL: ${(err as Error).message}`);
  }
  if (mapTiles && !e.MAP_TILE_ATTRIBUTION) {
    throw new EnvError(
      '配置有误，服务未启动：\n  MAP_TILE_ATTRIBUTION: 使用底图服务时须写明版权说明（例如 天地图 © 国家地理信息公共服务平台）',
    );
  }
  const siteUrl = e.SITE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  // The embedded database lives with the rest of the server's state unless DATABASE_URL says otherwise.
  if (e.STAFF_TOTP === 'optional' && !isLoopbackHttp(siteUrl))
    throw new EnvError(
      `配置有误，服务未启动：\n  STAFF_TOTP: 只有 SITE_URL 为本机 http 地址（测试和开发）时才能设为 optional（当前 SITE_URL：${siteUrl}）`,
    );
  const databaseUrl = e.DATABASE_URL ?? `file:${join(dataDir, 'app.db')}`;
  if (databaseUrl.startsWith('file:') && !databaseUrl.includes(':memory:')) {
    ensureWritableDir(dirname(resolve(databaseUrl.slice('file:'.length))));
  }
  return {
    databaseUrl,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    host: e.HOST,
    port: e.PORT,
    siteUrl,
    siteOrigin: new URL(siteUrl).origin,
    secure: siteUrl.startsWith('https:'),
    secret: e.SERVER_SECRET ?? loadOrCreateSecret(dataDir),
    distDir: resolve(e.DIST_DIR),
    dataDir,
    contentDir: contentDirOf(source),
    pushAllowlist: parseAllowlist(e.PUSH_ENDPOINT_ALLOWLIST),
    pushConcurrency: e.PUSH_CONCURRENCY,
    pushCryptoThreads: e.PUSH_CRYPTO_THREADS ?? defaultCryptoThreads(),
    subscribeLimitPerHour: e.SUBSCRIBE_LIMIT_PER_HOUR,
    pushLeaseMs: e.PUSH_LEASE_SECONDS * 1000,
    metricsToken: e.METRICS_TOKEN,
    trustProxy: parseTrustedProxies(e.TRUST_PROXY ?? '') ?? new TrustedProxies([]),
    staffTotp: e.STAFF_TOTP,
    mapTiles,
    pushConnectTimeoutMs: e.PUSH_CONNECT_TIMEOUT_SECONDS * 1000,
    pushResponseTimeoutMs: e.PUSH_RESPONSE_TIMEOUT_SECONDS * 1000,
    databaseTimeoutMs: e.DATABASE_TIMEOUT_SECONDS * 1000,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    capFeedAllowlist: (e.CAP_FEED_ALLOWLIST ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean)
      .map((o) => new URL(o).origin),
    capFeedPollMs: e.CAP_FEED_POLL_SECONDS * 1000,
  };
}
