export const QUEUE_APP = {
  title: 'Queue service',
  description:
    'Queue tickets, fair priority, counters, call-next, live display boards and queue statistics for one-stop offices (Bộ phận một cửa).',
};
export const QUEUE_DEFAULT_PORT = 3001;
