import { useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import type { AppError } from '../api/errors';
import { selectCurrentUser, selectIsAdmin, signOut } from '../auth/authSlice';
import { VerifyEmailBanner } from '../auth/VerifyEmailBanner';
import { useAppDispatch, useAppSelector } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { StepUpDialog } from '../mfa/StepUpDialog';
import { UserMenu } from './UserMenu';

/** The signed-in frame: header with navigation and the user's menu, then the page. */
export function AppLayout() {
  const user = useAppSelector(selectCurrentUser);
  const isAdmin = useAppSelector(selectIsAdmin);
  const dispatch = useAppDispatch();
  const [signOutError, setSignOutError] = useState<AppError | null>(null);

  const handleSignOut = async () => {
    const outcome = await dispatch(signOut());
    setSignOutError(outcome.ok ? null : outcome.error);
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/drawings" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Easel</span>
        </Link>
        <nav className="app-nav" aria-label="Main">
          <NavLink to="/drawings">Drawings</NavLink>
          {isAdmin && <NavLink to="/admin/users">Users</NavLink>}
          {isAdmin && <NavLink to="/admin/roles">Roles</NavLink>}
        </nav>
        {user && <UserMenu user={user} onSignOut={() => void handleSignOut()} />}
      </header>
      <VerifyEmailBanner />
      {signOutError && <ErrorMessage className="banner" error={signOutError} onRetry={() => void handleSignOut()} />}
      <main id="main" className="app-main">
        <Outlet />
      </main>
      {/* Any page's sensitive action may ask for a recent second factor (docs/mfa.md). */}
      <StepUpDialog />
    </div>
  );
}
