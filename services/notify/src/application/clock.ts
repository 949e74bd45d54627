/**
 * The time the send rules read (quiet hours, the daily cap's local day, holding until 07:00): the wall clock,
 * not the event's time, so an event consumed late at night is judged at night. Tests pin it to a time of
 * day with `clock.now = () => …`.
 */
export const clock = {
  now: (): Date => new Date(),
};
