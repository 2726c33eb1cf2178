/** @jest-environment jsdom */
import '../test-support/jsdom-polyfills';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { loadSession } from '../auth/session';
import { FakeReply } from '../test-support/fake-api';
import { renderApp, TEST_SESSION } from '../test-support/render-app';

afterEach(() => localStorage.clear());

const noCampaigns = { items: [], nextCursor: null };

function logIn(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('signing in and out', () => {
  it('sends a visitor without a session to the login page', async () => {
    renderApp('/campaigns', { 'GET /campaigns': noCampaigns }, { signedIn: false });
    expect(await screen.findByRole('heading', { name: 'Log in to Dialwave' })).toBeTruthy();
  });

  it('keeps the token after logging in, uses it, and forgets it on logout', async () => {
    const { api } = renderApp('/login', { 'POST /auth/login': TEST_SESSION, 'GET /campaigns': noCampaigns }, { signedIn: false });
    logIn('ada@example.com', 'password123');
    expect(await screen.findByText(/No campaigns yet/)).toBeTruthy();
    expect(loadSession()?.token).toBe('token-1');
    expect(api.requests.find((r) => r.path === '/campaigns')?.auth).toBe('Bearer token-1');

    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('heading', { name: 'Log in to Dialwave' })).toBeTruthy();
    expect(loadSession()).toBeNull();
  });

  it('shows the API’s message when the credentials are wrong', async () => {
    renderApp(
      '/login',
      { 'POST /auth/login': new FakeReply(401, { error: { code: 'UNAUTHORIZED', message: 'Wrong email or password' } }) },
      { signedIn: false },
    );
    logIn('ada@example.com', 'nope');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Wrong email or password');
  });

  it('drops a session the API no longer accepts', async () => {
    renderApp('/campaigns', { 'GET /campaigns': new FakeReply(401, { error: { code: 'UNAUTHORIZED', message: 'Token expired' } }) });
    await waitFor(() => expect(loadSession()).toBeNull());
    expect(await screen.findByRole('heading', { name: 'Log in to Dialwave' })).toBeTruthy();
  });

  it('goes back to the login page, saying why, when the gateway ends the session at token expiry', async () => {
    const { socket } = renderApp('/campaigns', { 'GET /campaigns': noCampaigns });
    expect(await screen.findByText(/No campaigns yet/)).toBeTruthy();
    act(() => socket.emit('session:expired', { reason: 'token-expired', at: new Date().toISOString() }));
    expect(await screen.findByRole('heading', { name: 'Log in to Dialwave' })).toBeTruthy();
    expect(screen.getByText('Your session has expired. Log in again.')).toBeTruthy();
    expect(loadSession()).toBeNull();
    expect(socket.disconnected).toBe(true);
  });

  it('drops a session whose token the gateway refuses, but not on a mere connection failure', async () => {
    const { socket } = renderApp('/campaigns', { 'GET /campaigns': noCampaigns });
    expect(await screen.findByText(/No campaigns yet/)).toBeTruthy();
    act(() => socket.emit('connect_error', new Error('websocket error')));
    expect(loadSession()?.token).toBe('token-1');
    act(() => socket.emit('connect_error', new Error('unauthorized')));
    expect(await screen.findByRole('heading', { name: 'Log in to Dialwave' })).toBeTruthy();
    expect(loadSession()).toBeNull();
  });

  it('signs up, then logs in with the chosen password, since signup answers alike for new and taken emails', async () => {
    const accepted = new FakeReply(202, { status: 'accepted', message: 'If this email can be registered, its account is ready.' });
    const { api } = renderApp(
      '/signup',
      { 'POST /auth/signup': accepted, 'POST /auth/login': TEST_SESSION, 'GET /campaigns': noCampaigns },
      { signedIn: false },
    );
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Ada' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'password123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByText(/No campaigns yet/)).toBeTruthy();
    expect(api.requests.map((r) => `${r.method} ${r.path}`).slice(0, 2)).toEqual(['POST /auth/signup', 'POST /auth/login']);
    expect(JSON.parse(api.requests[1]?.body ?? '{}')).toEqual({ email: 'ada@example.com', password: 'password123' });
    expect(loadSession()?.token).toBe('token-1');
  });

  it('says the account could not be created when the email is taken under another password', async () => {
    const accepted = new FakeReply(202, { status: 'accepted', message: 'If this email can be registered, its account is ready.' });
    const wrong = new FakeReply(401, { error: { code: 'UNAUTHENTICATED', message: 'Email or password is wrong' } });
    renderApp('/signup', { 'POST /auth/signup': accepted, 'POST /auth/login': wrong }, { signedIn: false });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Mallory' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'guess-guess' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not create an account with this email and password/);
    expect(loadSession()).toBeNull();
  });

  it('uses the session a development-mode signup answers with, without logging in again', async () => {
    const created = new FakeReply(201, TEST_SESSION);
    const { api } = renderApp('/signup', { 'POST /auth/signup': created, 'GET /campaigns': noCampaigns }, { signedIn: false });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Ada' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'password123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByText(/No campaigns yet/)).toBeTruthy();
    expect(api.requests.some((r) => r.path === '/auth/login')).toBe(false);
    expect(loadSession()?.token).toBe('token-1');
  });
});
