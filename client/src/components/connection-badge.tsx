/** Online or offline, as a small badge that screen readers hear change (role="status"). */
export function ConnectionBadge({ online, label }: { online: boolean; label: string }) {
  return (
    <span className={`badge ${online ? 'badge-ok' : 'badge-warn'}`} role="status" aria-live="polite">
      <span aria-hidden="true">{online ? '●' : '○'}</span> {label}
    </span>
  );
}
