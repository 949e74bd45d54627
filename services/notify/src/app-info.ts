export const NOTIFY_APP = {
  title: 'Notify service',
  description:
    'Citizen SMS (SMPP) and e-mail (SMTP) driven by queue and dossier events, partner webhooks (Standard Webhooks), templates, consent and the message log.',
};
export const NOTIFY_DEFAULT_PORT = 3005;
