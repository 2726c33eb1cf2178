import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/http';
import { useApi, useSession } from '../auth/SessionProvider';

const SIGNUP_NOT_POSSIBLE = 'Could not create an account with this email and password. If you already have an account, log in.';

export function AuthPage({ mode }: { mode: 'login' | 'signup' }) {
  const api = useApi();
  const { signIn, notice } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: async () => {
      if (mode === 'login') return api.login({ email, password });
      // Outside development mode signup answers alike for a new and a taken email; logging in tells this
      // user which it was.
      const signedUp = await api.signup({ name, email, password });
      if ('token' in signedUp) return signedUp;
      return api.login({ email, password }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 401) throw new Error(SIGNUP_NOT_POSSIBLE);
        throw err;
      });
    },
    onSuccess: (auth) => {
      signIn(auth);
      void navigate('/campaigns', { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  const signup = mode === 'signup';
  return (
    <div className="auth">
      <form className="card auth-card" onSubmit={submit}>
        <h1>{signup ? 'Create your account' : 'Log in to Dialwave'}</h1>
        {notice && !signup && <p className="muted">{notice}</p>}
        {signup && (
          <label>
            Name
            <input name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={signup ? 'new-password' : 'current-password'}
            minLength={signup ? 8 : undefined}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {mutation.isError && (
          <p role="alert" className="error-text">
            {errorMessage(mutation.error)}
          </p>
        )}
        <button type="submit" className="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Please wait…' : signup ? 'Sign up' : 'Log in'}
        </button>
        <p className="muted">
          {signup ? (
            <>
              Have an account? <Link to="/login">Log in</Link>
            </>
          ) : (
            <>
              New here? <Link to="/signup">Create an account</Link>
            </>
          )}
        </p>
      </form>
    </div>
  );
}
