import { Navigate, Outlet, useLocation, type Location } from 'react-router';
import { useAppDispatch, useAppSelector } from '../hooks';
import { Splash } from '../ui/Splash';
import {
  restoreSession,
  selectAuthStatus,
  selectIsAdmin,
  selectRestoreError,
  selectSignedOutByChoice,
} from './authSlice';
import { NotFoundPage } from '../layout/NotFoundPage';

/** Where a redirect to the login page remembers the user was going. */
export interface ReturnState {
  from?: Pick<Location, 'pathname' | 'search' | 'hash'>;
}

/** Until the session is known: the splash, or what went wrong with a retry. */
function PendingSession() {
  const dispatch = useAppDispatch();
  const error = useAppSelector(selectRestoreError);
  return <Splash error={error} onRetry={() => void dispatch(restoreSession())} />;
}

/** Pages for signed-in users; everyone else goes to the login page and comes back after. */
export function RequireAuth() {
  const status = useAppSelector(selectAuthStatus);
  const byChoice = useAppSelector(selectSignedOutByChoice);
  const location = useLocation();
  if (status === 'restoring' || status === 'unreachable') return <PendingSession />;
  if (status === 'signedOut') {
    // After a sign-out the user chose, start afresh; after a session that ended, come back here.
    const state: ReturnState = byChoice ? {} : { from: location };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}

/** Admin pages. A plain user sees "not found", as for any page that is not there for them. */
export function RequireAdmin() {
  const isAdmin = useAppSelector(selectIsAdmin);
  return isAdmin ? <Outlet /> : <NotFoundPage />;
}

/** Login and register: a signed-in user is sent on to where they were going. */
export function PublicOnly() {
  const status = useAppSelector(selectAuthStatus);
  const location = useLocation();
  if (status === 'restoring' || status === 'unreachable') return <PendingSession />;
  if (status === 'signedIn') {
    const from = (location.state as ReturnState | null)?.from;
    return <Navigate to={from ?? '/drawings'} replace />;
  }
  return <Outlet />;
}
