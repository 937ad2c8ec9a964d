// `npm run admin -- user add NAME --roles admin[,publisher…] [--name 显示名] [--unit 单位 --district 321002]`
// `npm run admin -- user list | user disable NAME | user enable NAME | user reset-password NAME | user reset-totp NAME`
// `--totp-secret-file F` on `user add` enrols the second factor and writes its base32 secret to F (mode 0600).
// Passwords are read from standard input (typed without echo on a terminal), never from arguments.
import { chmodSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { passwordProblem } from '../accounts/passwords.ts';
import { roleSchema } from '../accounts/roles.ts';
import { enrolSecondFactor, newRecoveryCodes, newTotpSecret, resetSecondFactor, secondFactorRequired } from '../accounts/second-factor.ts';
import { createAccount, findByUsername, setDisabled, setPassword, toPublic, usernameSchema } from '../accounts/store.ts';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { accounts } from '../db/schema.ts';
import { loadEnv } from '../env.ts';
import { recordAudit } from '../audit.ts';

const USAGE = `用法：
  npm run admin -- user add 用户名 --roles admin[,publisher,moderator,judge,organizer] [--name 显示名] [--unit 单位 --district 区划代码] [--totp-secret-file 文件]
  npm run admin -- user list
  npm run admin -- user disable 用户名
  npm run admin -- user enable 用户名
  npm run admin -- user reset-password 用户名
  npm run admin -- user reset-totp 用户名      # 解除两步验证绑定（换手机、恢复码用完时），其所有登录随即失效
密码从标准输入读取（在终端中输入时不显示）。--totp-secret-file 把两步验证密钥（base32）写入该文件（权限 0600）。`;

/** Reads one line from stdin; on a terminal, without echoing it. */
async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const rl = createInterface({ input: stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  let value = '';
  return new Promise((resolve) => {
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          stdin.pause();
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      roles: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      district: { type: 'string' },
      'totp-secret-file': { type: 'string' },
    },
  });
  const [noun, verb, rawName] = positionals;
  if (noun !== 'user' || !verb) fail(USAGE);
  const env = loadEnv();
  const database = await openDatabase(env.databaseUrl, env.databaseAuthToken);
  await migrateDatabase(database);
  const now = Date.now();
  const audit = (action: string, target: string | null = null) => ({ at: now, actorName: 'cli', action, target });

  if (verb === 'list') {
    const rows = await database.db.select().from(accounts);
    for (const a of rows.map(toPublic))
      console.log(
        `${a.username}\t${a.displayName}\t${a.roles.join(',') || '（无角色）'}${a.unitName ? `\t${a.unitName}` : ''}${a.disabled ? '\t已停用' : ''}`,
      );
    if (rows.length === 0) console.log('还没有账号。用 npm run admin -- user add 用户名 --roles admin 创建第一个管理员。');
    return;
  }
  const parsedName = usernameSchema.safeParse(rawName ?? '');
  if (!parsedName.success) fail(`用户名不正确：${parsedName.error.issues[0]?.message ?? ''}\n\n${USAGE}`);
  const username = parsedName.data;

  if (verb === 'add') {
    const roles = z.array(roleSchema).safeParse((values.roles ?? '').split(',').filter(Boolean));
    if (!roles.success || roles.data.length === 0) fail(`请用 --roles 指定角色：admin, publisher, moderator, judge, organizer\n\n${USAGE}`);
    const password = await readSecret(`为 ${username} 设置密码：`);
    const problem = passwordProblem(password, username);
    if (problem) fail(problem);
    const created = await createAccount(
      database,
      {
        username,
        displayName: values.name ?? username,
        password,
        roles: roles.data,
        unitName: values.unit ?? null,
        unitDistrict: values.district ?? null,
      },
      now,
      audit('account.create'),
    );
    if (!created) fail(`用户名 ${username} 已存在。`);
    console.log(`已创建账号 ${username}（${roles.data.join('、')}）。`);
    const secretFile = values['totp-secret-file'];
    if (secretFile) {
      const secret = newTotpSecret();
      const codes = newRecoveryCodes();
      await enrolSecondFactor(database, created.id, secret, codes, env.secret, now);
      writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
      // An existing file keeps its old mode on write: make sure only the owner can read the secret.
      chmodSync(secretFile, 0o600);
      await recordAudit(database, audit('account.second_factor.enrol', `account:${created.id}`));
      console.log(
        `已开启两步验证，密钥已写入 ${secretFile}（仅所有者可读）。一次性恢复码（请妥善保存，只显示这一次）：\n${codes.join('\n')}`,
      );
    } else if (secondFactorRequired(roles.data, env.staffTotp)) {
      console.log('该账号首次登录后须先用手机验证器 App 开启两步验证。');
    }
    return;
  }
  const row = await findByUsername(database, username);
  if (!row) fail(`没有账号 ${username}。`);
  if (verb === 'disable' || verb === 'enable') {
    await setDisabled(
      database,
      row.id,
      verb === 'disable',
      now,
      audit(verb === 'disable' ? 'account.disable' : 'account.enable', `account:${row.id}`),
    );
    console.log(verb === 'disable' ? `已停用 ${username}，其所有登录已失效。` : `已启用 ${username}。`);
    return;
  }
  if (verb === 'reset-password') {
    const password = await readSecret(`为 ${username} 设置新密码：`);
    const problem = passwordProblem(password, username);
    if (problem) fail(problem);
    await setPassword(database, row.id, password, now, audit('account.password.reset', `account:${row.id}`));
    console.log(`已重设 ${username} 的密码，其所有登录已失效。`);
    return;
  }
  if (verb === 'reset-totp') {
    await resetSecondFactor(database, row.id, now, true);
    await recordAudit(database, audit('account.second_factor.reset', `account:${row.id}`));
    console.log(`已解除 ${username} 的两步验证绑定，其所有登录已失效；下次登录后须重新绑定。`);
    return;
  }
  fail(USAGE);
}

await main();
