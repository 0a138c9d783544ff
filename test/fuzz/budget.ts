/**
 * The bad-input suites' share of the issue's "at least 10,000 generated inputs":
 * each file asserts it ran at least its share (they run in separate workers).
 */
export const ACTION_MIN_INPUTS = 4_800;
export const API_MIN_INPUTS = 4_000;
/** The phone's field writes (test/fuzz/field-writes.test.ts); they were server actions before. */
export const FIELD_WRITE_MIN_INPUTS = 1_200;
