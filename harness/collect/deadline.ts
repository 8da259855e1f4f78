// Which commit of a student's history is graded: the last one at or before the deadline, or,
// when there is none, the first one after it (late, by the rubric's late policy). Commit
// dates are the committer's own clock: a student can forge them; a host's push times cannot
// be, and a later version may take them from the host's API.

export interface DatedCommit {
  hash: string;
  /** Committer date. */
  date: Date;
}

/** `commits` in any order; null when the branch has none. */
export function commitForDeadline(commits: DatedCommit[], deadline: Date | null): { commit: DatedCommit; late: boolean } | null {
  if (commits.length === 0) return null;
  const byDate = [...commits].sort((a, b) => a.date.getTime() - b.date.getTime());
  if (!deadline) return { commit: byDate[byDate.length - 1], late: false };
  const onTime = byDate.filter((c) => c.date.getTime() <= deadline.getTime());
  if (onTime.length) return { commit: onTime[onTime.length - 1], late: false };
  return { commit: byDate[0], late: true };
}
