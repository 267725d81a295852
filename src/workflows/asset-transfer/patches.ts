/**
 * Heads of terms record the tenure agreed, and completion is checked against it. Patched: the patch marker
 * is written where heads of terms are agreed, so a case agreed before replays as it ran.
 */
export const headsOfTermsTenure = 'heads-of-terms-tenure';
/**
 * Community-benefit reports fall due on anniversaries of completion in Wales and open a configured window
 * before (process.monitoring.opensBefore), instead of every reportEvery of exact milliseconds and open at
 * once. Marked where a report is scheduled (at completion, and as each report is received).
 */
export const reportsOnAnniversaries = 'community-benefit-reports-on-anniversaries';
