import { z } from 'zod';
import { aanbiederInput, arrangementInput } from '../../shared/schemas/referral-desk';
import * as kaart from '../services/sociale-kaart';
import { roleProcedure, router, workerProcedure } from '../trpc';

/** Beheerders and support staff keep the sociale kaart and the regional arrangements. */
const kaartKeeper = roleProcedure('beheerder', 'ondersteuner');

export const socialeKaartRouter = router({
  list: kaartKeeper.query(({ ctx }) => kaart.fullKaart(ctx)),
  saveAanbieder: kaartKeeper
    .input(aanbiederInput)
    .mutation(({ ctx, input }) => kaart.saveAanbieder(ctx, input)),
  saveArrangement: kaartKeeper
    .input(arrangementInput)
    .mutation(({ ctx, input }) => kaart.saveArrangement(ctx, input)),
  /** The phone's offline copy for its regions; `kaart` is null when `etag` is still current. */
  forDevice: workerProcedure
    .input(z.strictObject({ etag: z.string().max(40).nullable() }))
    .query(({ ctx, input }) => kaart.deviceKaart(ctx, input.etag)),
});
