import { useEffect, useState } from 'preact/hooks';
import type { Role } from '#api/accounts/roles.ts';
import type { PublicAccount } from '#api/accounts/store.ts';
import type { auth } from '#api/auth.ts';
import { apiClient, call } from '#site/lib/api-client.ts';

/** `/api/auth`: sign in and out, who am I, password, second factor. */
export const authApi = apiClient<typeof auth>('/api/auth');

/** The signed-in account, loaded once; redirects to the login page when there is none, to enrolment when it must. */
export function useAccount(): PublicAccount | null {
  const [account, setAccount] = useState<PublicAccount | null>(null);
  useEffect(() => {
    // A 401 has already sent the browser to the login page; nothing more to do here.
    call(authApi.me.$get())
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
