/** First retry after 30 s, doubling, at most 6 hours apart; dead-lettered 3 days after the first attempt. */
export const WEBHOOK_FIRST_RETRY_MS = 30_000;
export const WEBHOOK_MAX_RETRY_MS = 6 * 3_600_000;
export const WEBHOOK_GIVE_UP_MS = 3 * 86_400_000;

/**
 * When to try a failed delivery again, or null to dead-letter it: exponential back-off from 30 s (attempt 1
 * failed → 30 s, 2 → 60 s, …) capped at 6 h, for at most 3 days after the first attempt. A retry that would
 * fall after the 3 days is moved to the last moment rather than skipped, so every delivery gets a last try.
 */
export function nextWebhookAttempt(failedAttempts: number, firstAttemptAt: Date, now: Date): Date | null {
  const deadline = firstAttemptAt.getTime() + WEBHOOK_GIVE_UP_MS;
  if (now.getTime() >= deadline) return null;
  const delay = Math.min(WEBHOOK_FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), WEBHOOK_MAX_RETRY_MS);
  return new Date(Math.min(now.getTime() + delay, deadline));
}
