/** What a provider answered to a hand-over. */
export type SendOutcome =
  | { result: 'ACCEPTED'; providerId: string | null; delivered?: boolean }
  | { result: 'REFUSED'; error: string }
  | { result: 'TRANSIENT'; error: string };

/** What the provider says of a message handed over earlier (recovery, receipts). */
export type ProviderState = 'DELIVERED' | 'FAILED' | 'PENDING' | 'UNKNOWN';
