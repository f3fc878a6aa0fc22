/** Accounts for the admin (issue 10, point 15), and the signed-in user's own second factor. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody } from '../../../server/protocol/routes';
import { call } from '../../shared/api/call';

export const userKeys = {
  all: ['users'] as const,
};

export function useUsers(enabled: boolean) {
  return useQuery({ queryKey: userKeys.all, queryFn: () => call('users.list', {}), enabled });
}

/** Every change of an account answers with the account: the list is read again. */
function useUserMutation<V, R>(run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }) });
}

export const useCreateUser = () => useUserMutation((body: RouteBody<'users.create'>) => call('users.create', {}, body));
export const useUpdateUser = () => useUserMutation(({ id, body }: { id: string; body: RouteBody<'users.update'> }) => call('users.update', { id }, body));
export const useSetUserActive = () =>
  useUserMutation(({ id, active }: { id: string; active: boolean }) => call(active ? 'users.activate' : 'users.deactivate', { id }));
export const useResetPassword = () => useUserMutation((id: string) => call('users.resetPassword', { id }));
export const useResetTotp = () => useUserMutation((id: string) => call('users.resetTotp', { id }));

export const useTotpEnrol = () => useMutation({ mutationFn: () => call('auth.totpEnrol', {}) });
export const useTotpConfirm = () => useMutation({ mutationFn: (code: string) => call('auth.totpConfirm', {}, { code }) });
