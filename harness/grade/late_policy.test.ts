import { applyLatePenalty, lateDays } from './late_policy';

const deadline = new Date('2026-12-01T23:59:00Z');
const after = (hours: number) => new Date(deadline.getTime() + hours * 3_600_000);

describe('late days', () => {
  it('counts each started 24 hours after the deadline: 12 hours late is 1 day, 25 hours is 2', () => {
    expect(lateDays(after(-1), deadline, 0)).toBe(0);
    expect(lateDays(after(0), deadline, 0)).toBe(0);
    expect(lateDays(after(12), deadline, 0)).toBe(1);
    expect(lateDays(after(24), deadline, 0)).toBe(1);
    expect(lateDays(after(25), deadline, 0)).toBe(2);
  });

  it('starts counting after the grace period', () => {
    expect(lateDays(after(0.25), deadline, 30)).toBe(0);
    expect(lateDays(after(1), deadline, 30)).toBe(1);
    // 24.5 hours after the deadline is 24 hours after a 30-minute grace: still day 1.
    expect(lateDays(after(24.5), deadline, 30)).toBe(1);
  });

  it('takes percentPerDay for each day, up to the cap', () => {
    const policy = { percentPerDay: 10, capPercent: 30, graceMinutes: 0 };
    expect(applyLatePenalty(80, 0, policy)).toEqual({ score: 80, penaltyPercent: 0 });
    expect(applyLatePenalty(80, 2, policy)).toEqual({ score: 64, penaltyPercent: 20 });
    expect(applyLatePenalty(80, 7, policy)).toEqual({ score: 56, penaltyPercent: 30 });
  });
});
