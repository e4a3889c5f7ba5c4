// The service's two knobs. They live in a committed file so that a commit can change them: that
// is how a pull request makes this service slower (WORK_FACTOR) or flaky (ERROR_RATE).
// The environment variables of the same names override them, for tests.

/** CPU work per /work request: 1 = normal, 1.3 = 30% more. */
export const WORK_FACTOR = 1;

/** Share of /work requests answered with 500: 0 = none, 0.1 = every 10th (by a request counter). */
export const ERROR_RATE = 0;
