/**
 * How long to wait before polling an action again, given how long we have been waiting for it.
 * Returns milliseconds.
 */
export type PollSchedule = (ageMs: number) => number;

/**
 * The default schedule, by the age of the wait:
 *
 * | age          | interval | why                                                                 |
 * |--------------|----------|---------------------------------------------------------------------|
 * | 0–5 s        | 0.5 s    | short actions (start, delete, an adopted server's last step)        |
 * | 5–60 s       | 1 s      | a system-image create (about 10 s) is noticed within about a second |
 * | 60–180 s     | 2.5 s    | snapshot images and slow locations                                  |
 * | after 180 s  | 5 s      | stuck actions: stay cheap until the deadline                        |
 *
 * Because one request carries up to 25 actions of every caller in the process, a short interval costs
 * little; the exponential schedules of other tools trade the cost of one-action polls for late detection.
 */
export const defaultPollSchedule: PollSchedule = (ageMs) => {
  if (ageMs < 5_000) return 500;
  if (ageMs < 60_000) return 1_000;
  if (ageMs < 180_000) return 2_500;
  return 5_000;
};
