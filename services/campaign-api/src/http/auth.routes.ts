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
    res.status(202).json(await auth.signup(parseOrThrow(ZSignupRequestSchema, req.body)));
  });
  router.post('/login', async (req, res) => {
    const input = parseOrThrow(ZLoginRequestSchema, req.body);
    res.json(await limits.login.attempt(req.ip ?? 'unknown', input.email, () => auth.login(input)));
  });
  return router;
}
