import { ActionForm, ActionStatus, useActionStatus } from './action-status.tsx';
import { useEffect, useState } from 'preact/hooks';
import { ROLES, type Role } from '#api/accounts/roles.ts';
import type { PublicAccount } from '#api/accounts/store.ts';
import type { adminAccounts } from '#api/admin/accounts.ts';
import { apiClient, call } from '#site/lib/api-client.ts';
import { can, useAccount } from './session.ts';
import { OptionList } from '../forms/controls.tsx';
import AdminTable from './AdminTable.tsx';

/** District choices for organisers' units. */
interface District {
  code: string;
  name: string;
}

const roleCodes = Object.keys(ROLES) as Role[];
const api = apiClient<typeof adminAccounts>('/api/admin/accounts');
const byId = (id: number) => ({ param: { id: String(id) } });

function RoleBoxes({ prefix, value }: { prefix: string; value: Role[] }) {
  return (
    <fieldset>
      <legend>角色</legend>
      {roleCodes.map((r) => (
        <label key={r} class="inline">
          <input type="checkbox" name="roles" value={r} defaultChecked={value.includes(r)} id={`${prefix}-${r}`} /> {ROLES[r]}
        </label>
      ))}
    </fieldset>
  );
}

function UnitFields({ prefix, districts, account }: { prefix: string; districts: District[]; account?: PublicAccount }) {
  return (
    <>
      <label for={`${prefix}-unit`}>所属单位（竞赛组织者必填，如学校或社区）</label>
      <input id={`${prefix}-unit`} name="unitName" defaultValue={account?.unitName ?? ''} />
      <label for={`${prefix}-district`}>单位所在县（市、区）</label>
      <select id={`${prefix}-district`} name="unitDistrict" defaultValue={account?.unitDistrict ?? ''}>
        <OptionList options={[['', '（不适用）'], ...districts.map((d) => [d.code, d.name] as const)]} />
      </select>
    </>
  );
}

const formValues = (form: HTMLFormElement) => {
  const f = new FormData(form);
  return {
    roles: f.getAll('roles') as Role[],
    unitName: String(f.get('unitName') ?? '').trim() || null,
    unitDistrict: String(f.get('unitDistrict') ?? '') || null,
    displayName: String(f.get('displayName') ?? '').trim(),
  };
};

/** Account management for admins: create, edit roles and unit, disable, reset password. */
export default function Accounts({ districts }: { districts: District[] }) {
  const me = useAccount();
  const [list, setList] = useState<PublicAccount[]>([]);
  const { run: runAction, message, error } = useActionStatus();
  const [editing, setEditing] = useState<number | null>(null);

  const reload = () => call(api.index.$get()).then((r) => setList(r.accounts));
  useEffect(() => {
    if (can(me, 'admin')) void reload();
  }, [me]);

  const run = (action: () => Promise<unknown>, done: string) => runAction(action, done, reload);

  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(me, 'admin')) return <p class="notice">只有管理员可以管理账号。</p>;

  const create = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const ok = await run(
      () =>
        call(
          api.index.$post({
            json: { ...formValues(form), username: String(f.get('username') ?? ''), password: String(f.get('password') ?? '') },
          }),
        ),
      '账号已创建。请把初始密码当面或电话告知本人，并提醒其登录后修改。',
    );
    if (ok) form.reset();
  };

  return (
    <div>
      <ActionStatus message={message} error={error} />
      <h2>全部账号</h2>
      <AdminTable columns={['用户名', '姓名', '角色', '单位', '状态', '两步验证', '操作']}>
        {list.map((a) => (
          <tr key={a.id}>
            <td>{a.username}</td>
            <td>{a.displayName}</td>
            <td>{a.roles.map((r) => ROLES[r]).join('、') || '无'}</td>
            <td>{a.unitName ?? '—'}</td>
            <td>{a.disabled ? '已停用' : '正常'}</td>
            <td>{a.totp ? '已开启' : '未开启'}</td>
            <td>
              <button
                type="button"
                class="secondary"
                onClick={() => setEditing(editing === a.id ? null : a.id)}
                aria-expanded={editing === a.id}
              >
                编辑 {a.username}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
      {list
        .filter((a) => a.id === editing)
        .map((a) => (
          <section key={a.id} class="card" aria-labelledby="edit-title">
            <h3 id="edit-title">编辑 {a.username}</h3>
            <ActionForm
              onSubmit={(form) =>
                void run(() => call(api[':id'].$put({ ...byId(a.id), json: formValues(form) })), `已保存 ${a.username} 的修改。`)
              }
            >
              <label for="edit-name">姓名</label>
              <input id="edit-name" name="displayName" defaultValue={a.displayName} required />
              <RoleBoxes prefix="edit" value={a.roles} />
              <UnitFields prefix="edit" districts={districts} account={a} />
              <button type="submit">保存修改</button>
            </ActionForm>
            <p>
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  void run(
                    () => call(api[':id'].$put({ ...byId(a.id), json: { disabled: !a.disabled } })),
                    a.disabled ? `已启用 ${a.username}。` : `已停用 ${a.username}，其登录已全部失效。`,
                  )
                }
              >
                {a.disabled ? '启用账号' : '停用账号'}
              </button>{' '}
              <button
                type="button"
                class="secondary"
                onClick={() => void run(() => call(api[':id']['revoke-sessions'].$post(byId(a.id))), `已让 ${a.username} 的所有登录失效。`)}
              >
                让其所有登录失效
              </button>
            </p>
            <ActionForm
              onSubmit={(form) => {
                const password = String(new FormData(form).get('password') ?? '');
                void run(
                  () => call(api[':id']['reset-password'].$post({ ...byId(a.id), json: { password } })),
                  `已重设 ${a.username} 的密码，请告知本人。`,
                );
              }}
            >
              <label for="reset-password">新密码（至少 10 个字符）</label>
              <input id="reset-password" name="password" type="password" autocomplete="new-password" required minLength={10} />
              <button type="submit">重设密码</button>
            </ActionForm>
          </section>
        ))}
      <h2>创建账号</h2>
      <form class="admin-form" onSubmit={(e) => void create(e)}>
        <label for="new-username">用户名（3–32 位小写字母、数字或 . _ -）</label>
        <input id="new-username" name="username" required pattern="[a-z0-9._\-]{3,32}" autocomplete="off" />
        <label for="new-name">姓名</label>
        <input id="new-name" name="displayName" required />
        <label for="new-password">初始密码（至少 10 个字符，不能是常见密码）</label>
        <input id="new-password" name="password" type="password" required minLength={10} autocomplete="new-password" />
        <RoleBoxes prefix="new" value={[]} />
        <UnitFields prefix="new" districts={districts} />
        <button type="submit">创建账号</button>
      </form>
    </div>
  );
}
