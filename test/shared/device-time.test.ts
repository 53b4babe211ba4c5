import { describe, expect, it } from 'vitest';
import {
  clockLooksWrong,
  clockSkewMs,
  deviceTimeNote,
  judgeDeviceTime,
} from '../../shared/rules/device-time';

const now = new Date('2026-11-24T10:00:00Z');

describe('device time', () => {
  it('is plausible an hour behind, a few minutes ahead, or a month back (a late report)', () => {
    expect(judgeDeviceTime('2026-11-24T09:00:00Z', now)).toBeNull();
    expect(judgeDeviceTime('2026-11-24T10:10:00+00:00', now)).toBeNull();
    expect(judgeDeviceTime('2026-10-20T10:00:00Z', now)).toBeNull();
  });

  it('is in the future when it lies more than 15 minutes after the server time (+1 hour, +2 days)', () => {
    expect(judgeDeviceTime('2026-11-24T11:00:00Z', now)).toBe('toekomst');
    expect(judgeDeviceTime('2026-11-26T10:00:00Z', now)).toBe('toekomst');
    expect(judgeDeviceTime('2026-11-24T12:00:00+01:00', now)).toBe('toekomst');
  });

  it('is far in the past more than 90 days back (a clock reset)', () => {
    expect(judgeDeviceTime('1970-01-01T00:00:00Z', now)).toBe('verleden');
    expect(judgeDeviceTime('2026-08-01T10:00:00Z', now)).toBe('verleden');
  });

  it('writes a Dutch note naming each implausible field, and none when all are plausible', () => {
    expect(deviceTimeNote({ occurredAt: '2026-11-24T09:30:00Z' }, now)).toBeNull();
    expect(deviceTimeNote({ occurredAt: '2026-11-26T10:00:00Z' }, now)).toBe(
      'Toesteltijd onwaarschijnlijk: 2026-11-26T10:00:00Z ligt 2 dagen na de servertijd.',
    );
    expect(deviceTimeNote({ requestedAt: '2026-11-24T11:00:00Z' }, now)).toContain('60 minuten na');
    expect(deviceTimeNote({ decidedAt: '1970-01-01T00:00:00Z' }, now)).toContain('vóór de servertijd');
    expect(deviceTimeNote(null, now)).toBeNull();
    expect(deviceTimeNote({ occurredAt: 42 }, now)).toBeNull();
  });

  it('measures the device clock against the server time and warns beyond 5 minutes', () => {
    const skew = clockSkewMs('2026-11-24T10:00:00Z', Date.parse('2026-11-24T09:00:00Z'));
    expect(skew).toBe(-3_600_000);
    expect(clockLooksWrong(skew)).toBe(true);
    expect(clockLooksWrong(4 * 60_000)).toBe(false);
    expect(clockLooksWrong(-6 * 60_000)).toBe(true);
    expect(clockLooksWrong(null)).toBe(false);
    expect(clockSkewMs('not a time', 0)).toBeNull();
  });
});
