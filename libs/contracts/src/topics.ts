/** Topic names are dotted and versioned; each has a `.dlq` twin for events that fail validation or keep failing. */
export const Topics = {
  QUEUE: 'queue.events.v1',
  DOSSIER: 'dossier.events.v1',
  SURVEY: 'survey.events.v1',
  RATING: 'rating.events.v1',
  NOTIFY: 'notify.events.v1',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: TopicName[] = Object.values(Topics);

/** Default partition count; more partitions let more consumer instances share a topic. */
export const DEFAULT_PARTITIONS = 12;

export const dlqTopic = (topic: string): string => `${topic}.dlq`;

/**
 * The Kafka key fixes ordering: every event of one aggregate (dossier) or one office (unit) lands on one
 * partition, so consumers see them in the order they were committed.
 */
export const TOPIC_KEY: Record<TopicName, 'subject' | 'unitcode'> = {
  [Topics.QUEUE]: 'unitcode',
  [Topics.DOSSIER]: 'subject',
  [Topics.SURVEY]: 'unitcode',
  [Topics.RATING]: 'unitcode',
  [Topics.NOTIFY]: 'unitcode',
};

export const TOPIC_DESCRIPTIONS: Record<TopicName, string> = {
  [Topics.QUEUE]: 'Queue tickets and counters of each one-stop office (published by the queue service).',
  [Topics.DOSSIER]:
    'Administrative-procedure dossiers: intake, transitions, deadlines, apologies (dossier service).',
  [Topics.SURVEY]: 'Questionnaires and satisfaction responses (survey service).',
  [Topics.RATING]:
    'Administrative unit registry, friendly-government scores and officer ratings (rating service).',
  [Topics.NOTIFY]:
    'Citizen and partner messages: queued, sent, delivered, failed; codes only, no contact data (notify service).',
};
