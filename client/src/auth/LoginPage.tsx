import { Link, useLocation } from 'react-router';
import { useAppDispatch, useAppSelector } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { formError, useSubmit, useTextFields } from '../ui/form';
import { ProviderButtons, ProviderSignInError } from '../oidc/ProviderButtons';
import { AuthCard } from './AuthCard';
import { noticeDismissed, selectAuthNotice, signIn } from './authSlice';

export function LoginPage() {
  const dispatch = useAppDispatch();
  const notice = useAppSelector(selectAuthNotice);
  const location = useLocation();
  const { values, bind } = useTextFields({ email: '', password: '' });
  // On success the page is left (PublicOnly redirects); only a failure needs showing.
  const { busy, error, onSubmit } = useSubmit(() => {
    dispatch(noticeDismissed());
    return dispatch(signIn(values));
  });

  return (
    <AuthCard title="Sign in" intro="Welcome back. Sign in to open your drawings.">
      {notice && (
        <div role="status" className="alert alert-info">
          {notice}
        </div>
      )}
      <ProviderSignInError />
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field
          label="Email"
          type="email"
          autoComplete="username"
          required
          {...bind('email')}
          error={error?.fields.email}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          {...bind('password')}
          error={error?.fields.password}
        />
        <ErrorMessage error={formError(error)} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <ProviderButtons />
      <p className="auth-switch">
        New to Easel?{' '}
        <Link to="/register" state={location.state}>
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
