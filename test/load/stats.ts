/**
 * What a load run counts, per phase (scenario): requests, answers lost on
 * purpose, transient failures the devices retried (503 while the database was
 * away), and unexpected errors (anything else: a 500, a refusal, a hang, a
 * dropped connection), with latencies for p50/p95.
 */
export interface PhaseFigures {
  name: string;
  seconds: number;
  requests: number;
  lostAnswers: number;
  transientErrors: number;
  errors: number;
  gaps: number;
  /** Requests cut off on purpose whose tRPC call then never settled (bounded by the device). */
  stalledAborts: number;
  /** Every answered request but sign-in: the phone's sync (push, pull, registration). */
  latencies: number[];
  /** Sign-ins (auth.login) apart: each is one argon2 check by design, not the sync path. */
  signInLatencies: number[];
}

export interface ErrorSample {
  scenario: string;
  path: string;
  code: string;
  message: string;
}

export class LoadStats {
  readonly phases: PhaseFigures[] = [];
  readonly errorSamples: ErrorSample[] = [];
  readonly transientSamples: ErrorSample[] = [];
  private current: PhaseFigures;

  constructor(firstPhase = 'steady') {
    this.current = this.begin(firstPhase);
  }

  begin(name: string): PhaseFigures {
    const phase: PhaseFigures = {
      name,
      seconds: 0,
      requests: 0,
      lostAnswers: 0,
      transientErrors: 0,
      errors: 0,
      gaps: 0,
      stalledAborts: 0,
      latencies: [],
      signInLatencies: [],
    };
    this.phases.push(phase);
    this.current = phase;
    return phase;
  }

  get phase(): string {
    return this.current.name;
  }

  request(_path: string) {
    this.current.requests++;
  }
  latency(path: string, ms: number) {
    const list = path === 'auth.login' ? this.current.signInLatencies : this.current.latencies;
    // A sample is enough for percentiles and keeps memory flat over a long soak.
    if (list.length < 200_000) list.push(ms);
  }
  lostAnswer(_path: string) {
    this.current.lostAnswers++;
  }
  gap() {
    this.current.gaps++;
  }
  stalledAbort() {
    this.current.stalledAborts++;
  }
  transient(path: string, code: string, message: string) {
    this.current.transientErrors++;
    if (this.transientSamples.length < 20)
      this.transientSamples.push({ scenario: this.current.name, path, code, message });
  }
  unexpected(path: string, code: string, message: string) {
    this.current.errors++;
    if (this.errorSamples.length < 50)
      this.errorSamples.push({ scenario: this.current.name, path, code, message });
  }

  total(key: 'requests' | 'lostAnswers' | 'transientErrors' | 'errors' | 'gaps' | 'stalledAborts'): number {
    return this.phases.reduce((sum, p) => sum + p[key], 0);
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}
