/** A measure's life after its first ruling: verlenging, omzetting, beëindiging (services/measure-life.ts). */
import { convertMeasureInput, endMeasureInput, extendMeasureInput } from '../../shared/schemas/maatregel';
import * as life from '../services/measure-life';
import { caseHolderProcedure, router } from '../trpc';

export const measuresRouter = router({
  extend: caseHolderProcedure
    .input(extendMeasureInput)
    .mutation(({ ctx, input }) => life.extendMeasure(ctx, input)),
  convert: caseHolderProcedure
    .input(convertMeasureInput)
    .mutation(({ ctx, input }) => life.convertMeasure(ctx, input)),
  end: caseHolderProcedure.input(endMeasureInput).mutation(({ ctx, input }) => life.endMeasure(ctx, input)),
});
