import { useEffect, useState } from 'preact/hooks';
import type { Role } from '../../../api/accounts/roles.ts';
import type { PublicAccount } from '../../../api/accounts/store.ts';
import { apiFetch } from '../../lib/api-client.ts';

/** The signed-in account, loaded once; redirects to the login page when there is none. */
export function useAccount(): PublicAccount | null {
  const [account, setAccount] = useState<PublicAccount | null>(null);
  useEffect(() => {
    // A 401 has already sent the browser to the login page; nothing more to do here.
    apiFetch<{ account: PublicAccount }>('/api/auth/me')
      .then((r) => setAccount(r.account))
      .catch(() => undefined);
  }, []);
  return account;
}

/** Whether the account may act as one of `roles`. */
export function can(account: PublicAccount | null, ...roles: Role[]): boolean {
  return !!account && (account.roles.includes('admin') || roles.some((r) => account.roles.includes(r)));
}
