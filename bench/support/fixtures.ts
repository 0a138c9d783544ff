/** Shared by the benchmark's seeder (a child process) and its driver. */
export const BENCH_TECH_EMAIL = "bench-tech@fieldkey.test";
/** Sunday (luxon weekday numbers, as technician_hours uses them): the bench technician alone works it. */
export const RACE_WEEKDAY = 7;
