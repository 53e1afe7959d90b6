import { useCallback, useState } from 'react';
import { logout, type SessionStore, type StaffSession } from './session';

/**
 * The signed-in staff session of a staff app (clerk app, manager console): kept in its session store, signed out on
 * the server too, with the message to show on the login screen afterwards.
 */
export function useStaffSession(origin: string, store: SessionStore) {
  const [session, setSession] = useState<StaffSession | null>(() => store.read());
  const [notice, setNotice] = useState<string | null>(null);
  const signIn = useCallback(
    (s: StaffSession) => {
      store.write(s);
      setNotice(null);
      setSession(s);
    },
    [store],
  );
  const signOut = useCallback(
    (message: string | null) => {
      if (session) void logout(origin, session.sessionToken);
      store.clear();
      setSession(null);
      setNotice(message);
    },
    [origin, session, store],
  );
  return { session, notice, signIn, signOut };
}
