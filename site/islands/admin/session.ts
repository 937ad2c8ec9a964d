import { useEffect, useState } from 'preact/hooks';
import type { Role } from '../../../api/accounts/roles.ts';
import type { PublicAccount } from '../../../api/accounts/store.ts';
import { apiFetch } from '../../lib/api-client.ts';

/** The signed-in account, loaded once; redirects to the login page when there is none, to enrolment when it must. */
export function useAccount(): PublicAccount | null {
  const [account, setAccount] = useState<PublicAccount | null>(null);
  useEffect(() => {
    // A 401 has already sent the browser to the login page; nothing more to do here.
    apiFetch<{ account: PublicAccount; mustEnrol: boolean }>('/api/auth/me')
      .then((r) => {
        // An admin or publisher without the required second factor binds one before anything else.
        if (r.mustEnrol) location.assign(`/admin/two-factor/?next=${encodeURIComponent(location.pathname + location.search)}`);
        else setAccount(r.account);
      })
      .catch(() => undefined);
  }, []);
  return account;
}

/** Whether the account may act as one of `roles`. */
export function can(account: PublicAccount | null, ...roles: Role[]): boolean {
  return !!account && (account.roles.includes('admin') || roles.some((r) => account.roles.includes(r)));
}
