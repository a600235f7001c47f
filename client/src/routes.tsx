import { Navigate, useRouteError, type RouteObject } from 'react-router';
import { PublicOnly, RequireAdmin, RequireAuth } from './auth/guards';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';
import { Splash } from './ui/Splash';

/** Each page is its own chunk, loaded when its route is first visited. */
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => ({
  lazy: async () => ({ Component: (await load())[name] }),
});

/** Anything thrown while rendering or loading a route: a way on instead of a blank page. */
function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <div className="splash">
      <span className="brand-mark splash-mark" aria-hidden="true" />
      <div role="alert" className="alert alert-error">
        <span>Something went wrong while showing this page.</span>
        <button type="button" className="button button-small" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    </div>
  );
}

export const routes: RouteObject[] = [
  {
    HydrateFallback: Splash,
    ErrorBoundary: RouteError,
    children: [
      {
        Component: PublicOnly,
        children: [
          { path: '/login', ...page(() => import('./auth/LoginPage'), 'LoginPage') },
          { path: '/register', ...page(() => import('./auth/RegisterPage'), 'RegisterPage') },
          { path: '/forgot-password', ...page(() => import('./auth/ForgotPasswordPage'), 'ForgotPasswordPage') },
        ],
      },
      // Emailed links: they work signed in or not.
      { path: '/reset-password', ...page(() => import('./auth/ResetPasswordPage'), 'ResetPasswordPage') },
      { path: '/verify-email', ...page(() => import('./auth/VerifyEmailPage'), 'VerifyEmailPage') },
      {
        Component: RequireAuth,
        children: [
          {
            Component: AppLayout,
            children: [
              { path: '/', element: <Navigate to="/drawings" replace /> },
              { path: '/drawings', ...page(() => import('./drawings/DrawingsPage'), 'DrawingsPage') },
              { path: '/drawings/:id', ...page(() => import('./drawings/EditorPage'), 'EditorPage') },
              { path: '/account', ...page(() => import('./account/AccountPage'), 'AccountPage') },
              {
                Component: RequireAdmin,
                children: [
                  { path: '/admin/users', ...page(() => import('./admin/UsersPage'), 'UsersPage') },
                  { path: '/admin/roles', ...page(() => import('./admin/RolesPage'), 'RolesPage') },
                ],
              },
              { path: '*', Component: NotFoundPage },
            ],
          },
        ],
      },
    ],
  },
];
