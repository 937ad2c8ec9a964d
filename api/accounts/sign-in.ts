import { and, eq, gte } from 'drizzle-orm';
import type { Context } from 'hono';
import { recordAggregatedAudit, recordAudit } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db/client.ts';
import { sessions, type AccountRow } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';
import { decryptSecret, isRecoveryCode, spendRecoveryCode, spendTotpCode } from './second-factor.ts';
import { findByUsername, toPublic, type PublicAccount } from './store.ts';
import { ACCOUNT_CEILING, admitAttempt, clearAttempts, countAccountAttempt, WINDOW_MS } from './throttle.ts';

/** The one answer to every failed sign-in: it never says which part was wrong. */
export const BAD_SIGN_IN = '用户名、密码或验证码不正确，请检查后重新输入。未开启两步验证的账号，验证码请留空。';

/**
 * The answer to a name and password sent without a code, unless they are right for an account with
 * no second factor: it reads the same whether the password was right or not.
 */
export const CODE_NEEDED = '请输入两步验证码。如果你的账号没有开启两步验证，说明用户名或密码不正确，请检查后重新输入。';

/** An address the account signed in from in this many days counts as its own. */
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;

/** Whether the account has signed in from `ipHash` lately. */
async function isKnownAddress(database: Database, accountId: number, ipHash: string, now: number): Promise<boolean> {
  const rows = await database.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), eq(sessions.ipHash, ipHash), gte(sessions.createdAt, now - KNOWN_ADDRESS_MS)))
    .limit(1);
  return rows.length > 0;
}

/** Records a refused attempt in the aggregated audit row of this source and window, then answers 429. */
export async function throttled(c: Context<AppEnv>, username: string, retryAfterSeconds: number): Promise<never> {
  const { database, now, clientHash } = c.var;
  await recordAggregatedAudit(
    database,
    { at: now, action: 'auth.login.throttled', target: `user:${username.toLowerCase()}`, ipHash: clientHash },
    WINDOW_MS,
  );
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  throw apiError(
    429,
    'login_throttled',
    `尝试次数过多，请 ${minutes} 分钟后再试。如果你确实忘记了密码，请联系本单位的管理员。`,
    undefined,
    {
      'retry-after': String(retryAfterSeconds),
    },
  );
}

/** How the second factor was shown: none enrolled, the app's code, a recovery code; false when it was not. */
type FactorResult = 'none' | 'totp' | 'recovery' | false;

/** Checks the second factor of `account`: a six-digit code or a recovery code, each spent once. */
async function checkSecondFactor(c: Context<AppEnv>, account: AccountRow, code: string): Promise<FactorResult> {
  const { database, env, now, clientHash } = c.var;
  if (!account.totpSecret) return 'none';
  if (isRecoveryCode(code)) {
    if (!(await spendRecoveryCode(database, account.id, code, env.secret, now))) return false;
    await recordAudit(database, {
      at: now,
      actorId: account.id,
      actorName: account.username,
      action: 'auth.recovery_code.used',
      ipHash: clientHash,
    });
    return 'recovery';
  }
  return (await spendTotpCode(database, account, decryptSecret(account.totpSecret, env.secret), code, now)) && 'totp';
}

/**
 * Signs in with a password and, where enrolled, a second factor; throws 401 or 429 otherwise.
 *
 * Every attempt is counted before anything is checked: per name and address (growing delays, then
 * a stop), and per name from everywhere. Past the account-wide ceiling, an address the account has
 * used lately still signs in as usual, and anywhere else only the right password together with a
 * valid second factor does, so that a flood of guesses can neither get through nor lock the owner out.
 */
export async function signIn(
  c: Context<AppEnv>,
  username: string,
  password: string,
  code: string | undefined,
): Promise<{ account: PublicAccount; viaRecovery: boolean }> {
  const { database, now, clientHash } = c.var;
  const name = username.toLowerCase();
  const admission = await admitAttempt(database, name, clientHash, now);
  if (!admission.allowed) return throttled(c, name, admission.retryAfterSeconds);
  const attempts = await countAccountAttempt(database, name, now);
  const account = await findByUsername(database, name);
  const pastCeiling = attempts > ACCOUNT_CEILING && !(account && (await isKnownAddress(database, account.id, clientHash, now)));
  let factor: FactorResult = false;
  if (pastCeiling) {
    // Only a valid second factor earns a password check here; anything else is refused unchecked.
    factor = !!account?.totpSecret && !!code && (await checkSecondFactor(c, account, code));
    if (!factor || !account || account.disabled || !(await verifyPassword(password, account.passwordHash)))
      return throttled(c, name, Math.ceil(WINDOW_MS / 1000));
  } else {
    // Unknown users are checked against a dummy hash so that both answers take as long.
    const passwordOk = await verifyPassword(password, account?.passwordHash ?? (await DUMMY_HASH));
    const usable = passwordOk && account !== undefined && !account.disabled;
    if (usable && (code !== undefined || !account.totpSecret)) factor = await checkSecondFactor(c, account, code ?? '');
    if (!factor || !account) {
      // A right password still missing its code is the first step, not a failure.
      if (!usable || code !== undefined)
        await recordAudit(database, { at: now, action: 'auth.login.failed', target: `user:${name}`, ipHash: clientHash });
      // Without a code, the page now asks for one, whatever was wrong.
      if (code === undefined) throw apiError(401, 'code_needed', CODE_NEEDED);
      throw apiError(401, 'bad_credentials', BAD_SIGN_IN);
    }
  }
  await clearAttempts(database, name, clientHash);
  // The caller writes the `auth.login` audit row with the session it starts.
  return { account: toPublic(account), viaRecovery: factor === 'recovery' };
}
