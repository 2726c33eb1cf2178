import { Router } from 'express';
import { ZLoginRequestSchema, ZSignupRequestSchema } from '@dialwave/contracts';
import { parseOrThrow } from '@dialwave/platform';
import type { AuthService } from '../auth/auth.service';

export function authRoutes(auth: AuthService): Router {
  const router = Router();
  router.post('/signup', async (req, res) => {
    res.status(201).json(await auth.signup(parseOrThrow(ZSignupRequestSchema, req.body)));
  });
  router.post('/login', async (req, res) => {
    res.json(await auth.login(parseOrThrow(ZLoginRequestSchema, req.body)));
  });
  return router;
}
