import { loginInput } from '../../shared/schemas/user';
import * as auth from '../services/auth';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => auth.login(ctx, input)),
  logout: publicProcedure.mutation(({ ctx }) => auth.logout(ctx)),
  me: authedProcedure.query(({ ctx }) => auth.describeUser(ctx.db, ctx.user)),
});
