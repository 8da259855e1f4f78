// The names of a class run's own entries in its output folder, beside one folder per student
// (named by roster id): declared once, so that the roster can refuse an id that would clash.

/** The rows as the harness graded them; `cnn-grade report` starts from it. */
export const CLASS_FILE = 'class.json';
/** The gradebook for an LMS. */
export const GRADES_FILE = 'grades.csv';
/** The sortable class page. */
export const INDEX_FILE = 'index.html';
/** Clones, job files and other working state of a class run. */
export const WORK_DIR = '.work';

/** Every name above: a student's folder must be none of them, in any letter case. */
export const CLASS_OWN_NAMES: readonly string[] = [CLASS_FILE, GRADES_FILE, INDEX_FILE, WORK_DIR];
