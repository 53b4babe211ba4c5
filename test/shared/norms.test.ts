import { describe, expect, it } from 'vitest';
import {
  assignmentDueDate,
  caseNorms,
  helpDueDate,
  koersDueDate,
  normStatus,
  worstNormState,
} from '../../shared/rules/norms';
import { DEFAULT_HOLIDAY_POLICY } from '../../shared/rules/working-days';

describe('norm deadlines', () => {
  it('gives a vaste jeugdbeschermer within 5 working days of the ruling', () => {
    expect(assignmentDueDate('2026-11-20', DEFAULT_HOLIDAY_POLICY)).toBe('2026-11-27');
  });

  it('puts the koers deadline six weeks after the ruling', () => {
    expect(koersDueDate('2026-01-01')).toBe('2026-02-12');
  });

  it('puts the help deadline three months after the ruling, clamped to the end of a short month', () => {
    expect(helpDueDate('2026-01-15')).toBe('2026-04-15');
    expect(helpDueDate('2026-11-30')).toBe('2027-02-28');
  });
});

describe('norm state', () => {
  it('is voldaan when met on the deadline day itself', () => {
    expect(normStatus('koers', '2026-02-12', '2026-02-12', '2026-03-01').state).toBe('voldaan');
  });

  it('is te-laat-voldaan when met a day after the deadline', () => {
    const s = normStatus('koers', '2026-02-12', '2026-02-13', '2026-03-01');
    expect(s.state).toBe('te-laat-voldaan');
    expect(s.daysLeft).toBe(-1);
  });

  it('is op-tijd while the deadline is further away than the warning window', () => {
    expect(normStatus('koers', '2026-02-12', null, '2026-02-04').state).toBe('op-tijd');
  });

  it('turns to bijna inside the warning window and stays so on the deadline day', () => {
    expect(normStatus('koers', '2026-02-12', null, '2026-02-05').state).toBe('bijna');
    expect(normStatus('koers', '2026-02-12', null, '2026-02-12').state).toBe('bijna');
  });

  it('is te-laat the day after an unmet deadline, counting the days over', () => {
    const s = normStatus('passendeHulp', '2026-04-15', null, '2026-04-20');
    expect(s.state).toBe('te-laat');
    expect(s.daysLeft).toBe(-5);
  });
});

describe('case norms', () => {
  it('computes all three from the ruling and what has been done', () => {
    const norms = caseNorms(
      { rulingDate: '2026-09-01', assignedOn: '2026-09-03', koersAgreedOn: null, helpStartedOn: null },
      '2026-11-24',
      DEFAULT_HOLIDAY_POLICY,
    );
    expect(norms.vasteJeugdbeschermer.state).toBe('voldaan');
    expect(norms.koers).toMatchObject({ dueDate: '2026-10-13', state: 'te-laat', daysLeft: -42 });
    expect(norms.passendeHulp).toMatchObject({ dueDate: '2026-12-01', state: 'bijna', daysLeft: 7 });
    expect(worstNormState(norms)).toBe('te-laat');
  });
});
