import type { Role } from '#api/accounts/roles.ts';
import { ROLES } from '#api/accounts/roles.ts';
import { call } from '#site/lib/api-client.ts';
import { authApi, can, useAccount } from './session.ts';

/** The sections of the console and the roles that open them. */
const SECTIONS: Array<{ href: string; title: string; text: string; roles: Role[]; ready: boolean }> = [
  { href: '/admin/accounts/', title: '账号管理', text: '创建账号、分配角色和单位、停用账号、重设密码。', roles: ['admin'], ready: true },
  { href: '/admin/audit/', title: '审计日志', text: '谁在什么时候做了什么，可筛选、可导出。', roles: ['admin'], ready: true },
  { href: '/admin/warnings/', title: '预警发布', text: '起草、发布、更新、解除预警，查看推送进度。', roles: ['publisher'], ready: true },
  { href: '/admin/ideas/', title: '金点子审核', text: '审核市民提交的金点子，处理举报。', roles: ['moderator'], ready: true },
  {
    href: '/admin/campaigns/',
    title: '金点子征集活动',
    text: '创建和修改征集活动，设置主题、奖项和评审标准，提前结束征集。',
    roles: ['admin'],
    ready: true,
  },
  { href: '/admin/judging/', title: '金点子评审', text: '按评审标准为入围金点子打分。', roles: ['judge'], ready: true },
  { href: '/admin/contests/', title: '知识竞赛', text: '创建竞赛、打印海报、查看成绩和证书。', roles: ['organizer'], ready: true },
];

/** The console's home: the sections this account's roles allow, and logging out. */
export default function Dashboard() {
  const account = useAccount();
  if (!account) return <p aria-live="polite">正在确认登录状态……</p>;
  const logout = async () => {
    await call(authApi.logout.$post());
    location.assign('/admin/login/');
  };
  const mine = SECTIONS.filter((s) => can(account, ...s.roles));
  return (
    <div>
      <p>
        你好，{account.displayName}（{account.username}）。你的角色：
        {account.roles.map((r) => ROLES[r]).join('、') || '暂无角色，请联系管理员分配'}
        {account.unitName ? `；单位：${account.unitName}` : ''}。
      </p>
      <ul class="card-grid" aria-label="可用功能">
        {mine.map((s) => (
          <li class="card" key={s.href}>
            <h2>{s.ready ? <a href={s.href}>{s.title}</a> : s.title}</h2>
            <p>{s.text}</p>
            {!s.ready && <p class="muted">即将上线。</p>}
          </li>
        ))}
      </ul>
      <p>
        <a href="/admin/password/">修改我的密码</a>
      </p>
      <p>
        <a href="/admin/two-factor/">两步验证</a>：{account.totp ? '已开启' : '未开启'}
      </p>
      <button type="button" class="secondary" onClick={() => void logout()}>
        退出登录
      </button>
    </div>
  );
}
