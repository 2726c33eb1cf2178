import { Router } from 'express';
import { ZLoginRequestSchema, ZSignupRequestSchema } from '@dialwave/contracts';
import { parseOrThrow } from '@dialwave/platform';
import type { AuthService } from '../auth/auth.service';
import type { LoginProtection } from '../auth/login-protection';
import type { AttemptLimiter } from '../rate-limits/attempt-limiter';

export interface AuthRouteLimits {
  login: LoginProtection;
  signupPerIp: AttemptLimiter;
}

/** `req.ip` is the client's address as `trust proxy` (TRUST_PROXY) lets express read it. */
export function authRoutes(auth: AuthService, limits: AuthRouteLimits): Router {
  const router = Router();
  router.post('/signup', async (req, res) => {
    auth.assertSignupOpen();
    await limits.signupPerIp.take(req.ip ?? 'unknown');
    const answer = await auth.signup(parseOrThrow(ZSignupRequestSchema, req.body));
    // 201 with a session (development mode), or 202 alike for new and taken emails (see AuthService).
    res.status('token' in answer ? 201 : 202).json(answer);
  });
  router.post('/login', async (req, res) => {
    const input = parseOrThrow(ZLoginRequestSchema, req.body);
    res.json(await limits.login.attempt(req.ip ?? 'unknown', input.email, () => auth.login(input)));
  });
  return router;
}
