import { Fragment, type ReactNode } from 'react';
import type { SessionStore, StaffSession } from './session';
import { SignInScreen } from './SignInScreen';
import { useStaffSession } from './use-staff-session';

/**
 * A staff app's door: the sign-in screen until someone is signed in, then the app for that session (mounted afresh
 * for each session). `signOut(message)` ends the session here and on the server; the message is shown on the
 * sign-in screen (登录已失效 …).
 */
export function StaffGate({
  origin,
  store,
  title,
  accountLabel,
  placeholder,
  admit,
  children,
}: {
  origin: string;
  store: SessionStore;
  title: string;
  accountLabel: string;
  placeholder: string;
  admit?: (session: StaffSession) => string | null;
  children: (session: StaffSession, signOut: (message: string | null) => void) => ReactNode;
}) {
  const { session, notice, signIn, signOut } = useStaffSession(origin, store);
  if (!session) {
    return (
      <SignInScreen
        origin={origin}
        title={title}
        accountLabel={accountLabel}
        placeholder={placeholder}
        notice={notice}
        onSignIn={signIn}
        {...(admit ? { admit } : {})}
      />
    );
  }
  return <Fragment key={session.sessionToken}>{children(session, signOut)}</Fragment>;
}
