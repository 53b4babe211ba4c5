import { logoutInput } from '../../shared/schemas/device';
import { loginInput } from '../../shared/schemas/user';
import * as auth from '../services/auth';
import { publicProcedure, router } from '../trpc';

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => auth.login(ctx, input)),
  logout: publicProcedure.input(logoutInput).mutation(({ ctx, input }) => auth.logout(ctx, input)),
  /** Who is signed in: null when nobody is (not an error: the client then shows the login screen). */
  me: publicProcedure.query(({ ctx }) => (ctx.user ? auth.describeUser(ctx.db, ctx.user) : null)),
});
