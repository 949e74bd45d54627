import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { NOTIFY_CONFIG, NotifyConfig } from '../../config';
import type { SendOutcome } from './channel';

/**
 * Partner webhooks signed with the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<HMAC-SHA256>`): a 2xx answer is delivery; any other answer or none is retried with
 * back-off (a partner's outage often answers 404 or 502 from its proxy), for up to 3 days.
 * NOTIFY_WEBHOOK_CA_FILE adds a CA (a partner's private CA, or the tests' self-signed receiver).
 */
@Injectable()
export class WebhookChannel implements OnModuleDestroy {
  private readonly agent: https.Agent;

  constructor(@Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig) {
    const caFile = process.env.NOTIFY_WEBHOOK_CA_FILE;
    this.agent = new https.Agent({ keepAlive: true, ...(caFile ? { ca: readFileSync(caFile) } : {}) });
  }

  onModuleDestroy(): void {
    this.agent.destroy();
  }

  send(
    url: string,
    secret: string,
    messageId: string,
    payload: string,
    now = new Date(),
  ): Promise<SendOutcome> {
    const signature = new Webhook(secret).sign(messageId, now, payload);
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const req = lib.request(
        target,
        {
          method: 'POST',
          ...(target.protocol === 'https:' ? { agent: this.agent } : {}),
          timeout: this.config.NOTIFY_WEBHOOK_TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            'webhook-id': messageId,
            'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
            'webhook-signature': signature,
            'user-agent': 'fg-notify/1',
          },
        },
        (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300)
            resolve({ result: 'ACCEPTED', providerId: null, delivered: true });
          else resolve({ result: 'TRANSIENT', error: `HTTP ${status}` });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e) => resolve({ result: 'TRANSIENT', error: e.message }));
      req.end(payload);
    });
  }
}
