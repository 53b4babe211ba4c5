/**
 * What the field app shows once its first screen is up, in one lazy chunk: Vandaag (the agenda and the
 * tab's count, with the agenda rules) and the notices of the desk's answers. One chunk, because two
 * lazy chunks that share modules make the bundler split the field path's own modules into a chunk of
 * their own, which costs the field path more than it saves. FieldNotices also routes a tap on a
 * reminder (while the app is open) to Vandaag.
 */
import { useOpenAgendaOnReminderTap } from '../features/reminders/open-agenda';
import { VerwijzingNotices } from '../features/verwijzing/verwijzing-notices';

export { AgendaScreen } from '../features/agenda/agenda-screen';
export { OverdueCount } from '../features/agenda/overdue-count';

export function FieldNotices() {
  useOpenAgendaOnReminderTap();
  return <VerwijzingNotices />;
}
