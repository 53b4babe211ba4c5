/** Support staff's instroom (/instroom), lazily loaded: the intake view with a way back to the desk. */
import './texts';
import { DeskNav } from '../verwijzing-desk/desk-nav';
import { IntakeView } from './intake-view';

export default function IntakeScreen() {
  return (
    <div className="desk">
      <DeskNav />
      <IntakeView />
    </div>
  );
}
