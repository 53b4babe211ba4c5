/** The team lead's waiting list (handelingswijze wachtlijsten) and stand-ins (waarnemers): thin procedures. */
import {
  assignNowInput,
  endStandInInput,
  moveWaitingInput,
  placeOnWaitingListInput,
  startStandInInput,
  updateWaitingInput,
} from '../../shared/schemas/waiting-list';
import * as standIn from '../services/stand-in';
import * as waiting from '../services/waiting-list';
import { router, teamleadProcedure } from '../trpc';

export const waitingListRouter = router({
  list: teamleadProcedure.query(({ ctx }) => waiting.listWaiting(ctx)),
  /** The list as CSV for a spreadsheet: a step-up first, each child logged as exported. */
  exportCsv: teamleadProcedure.mutation(({ ctx }) => waiting.exportWaitingCsv(ctx)),
  place: teamleadProcedure
    .input(placeOnWaitingListInput)
    .mutation(({ ctx, input }) => waiting.place(ctx, input)),
  update: teamleadProcedure
    .input(updateWaitingInput)
    .mutation(({ ctx, input }) => waiting.update(ctx, input)),
  move: teamleadProcedure.input(moveWaitingInput).mutation(({ ctx, input }) => waiting.move(ctx, input)),
  assign: teamleadProcedure.input(assignNowInput).mutation(({ ctx, input }) => waiting.assignNow(ctx, input)),
  standIns: teamleadProcedure.query(({ ctx }) => standIn.listStandIns(ctx)),
  startStandIn: teamleadProcedure
    .input(startStandInInput)
    .mutation(({ ctx, input }) => standIn.startStandIn(ctx, input)),
  endStandIn: teamleadProcedure
    .input(endStandInInput)
    .mutation(({ ctx, input }) => standIn.endStandIn(ctx, input)),
});
