/**
 * What the field app shows once its first screen is up, in one lazy chunk: Vandaag (the agenda and the
 * tab's count, with the agenda rules) and the notices of the desk's answers. One chunk, because two
 * lazy chunks that share modules make the bundler split the field path's own modules into a chunk of
 * their own, which costs the field path more than it saves.
 */
export { AgendaScreen } from '../features/agenda/agenda-screen';
export { OverdueCount } from '../features/agenda/overdue-count';
export { VerwijzingNotices } from '../features/verwijzing/verwijzing-notices';
