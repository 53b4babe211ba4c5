/**
 * The intake list's clock: how many working days are left before a new child
 * must have a vaste jeugdbeschermer (5 working days after the ruling), or how
 * many working days the term is over. Weekends and the organisation's
 * holidays never count, so a Friday ruling does not lose the weekend.
 */
import type { IsoDate } from './dates';
import { plusDays } from './dates';
import { assignmentDueDate } from './norms';
import { type HolidayPolicy, isWorkingDay } from './working-days';

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: IsoDate, to: IsoDate, policy: HolidayPolicy): number {
  let count = 0;
  for (let day = plusDays(from, 1); day <= to; day = plusDays(day, 1)) {
    if (isWorkingDay(day, policy)) count += 1;
  }
  return count;
}

export interface AssignmentClock {
  dueDate: IsoDate;
  /** Working days left until the due date (0 on the due date itself); negative: working days over. */
  workingDaysLeft: number;
  overdue: boolean;
}

export function assignmentClock(rulingDate: IsoDate, today: IsoDate, policy: HolidayPolicy): AssignmentClock {
  const dueDate = assignmentDueDate(rulingDate, policy);
  if (today <= dueDate) {
    return { dueDate, workingDaysLeft: workingDaysAfter(today, dueDate, policy), overdue: false };
  }
  // Over: counted in working days too, at least 1 on the first day past (even a Saturday).
  return { dueDate, workingDaysLeft: -Math.max(1, workingDaysAfter(dueDate, today, policy)), overdue: true };
}
