import { logoutInput } from '../../shared/schemas/device';
import { loginInput, stepUpInput } from '../../shared/schemas/user';
import * as auth from '../services/auth';
import { oidcEnabled } from '../services/oidc';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => auth.login(ctx, input)),
  logout: publicProcedure.input(logoutInput).mutation(({ ctx, input }) => auth.logout(ctx, input)),
  /** Who is signed in: null when nobody is (not an error: the client then shows the login screen). */
  me: publicProcedure.query(({ ctx }) => (ctx.user ? auth.describeMe(ctx, ctx.user) : null)),
  /**
   * How one can sign in here (the login screen shows the identity provider's button when it is
   * configured) and, when signed in, how this session did: a step-up goes the same way.
   */
  methods: publicProcedure.query(({ ctx }) => {
    // As the session was found for this request (services/auth.ts resolveSession).
    const session = ctx.user?.sessionId ? (ctx.user.authMethod ?? null) : null;
    return {
      password: true as const,
      oidc: oidcEnabled(ctx.config) ? { label: ctx.config.OIDC_LABEL } : null,
      session,
    };
  }),
  /** Proves again who the user is with the password; exports and the access log then open for a while. */
  stepUp: authedProcedure.input(stepUpInput).mutation(({ ctx, input }) => auth.stepUp(ctx, input.password)),
});
