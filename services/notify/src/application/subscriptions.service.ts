import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { allowLoopbackHttp, NOTIFY_CONFIG, NotifyConfig } from '../config';
import { NotifyRuleError, webhookUrlProblem } from '../domain';
import { MessageRepository } from '../persistence/message.repository';
import { Subscription, SubscriptionRepository } from '../persistence/subscription.repository';

export type SubscriptionView = Omit<Subscription, 'secret'>;
const view = ({ secret: _secret, ...s }: Subscription): SubscriptionView => s;

/** Partner subscriptions (admin): a portal receives the dossier status changes of its units as webhooks. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    private readonly subscriptions: SubscriptionRepository,
    private readonly messages: MessageRepository,
  ) {}

  /** Creates a subscription; the signing secret (`whsec_…`) is returned once, here. */
  async create(input: { partnerCode: string; url: string; unitCodes: string[] }, actor: string) {
    const problem = webhookUrlProblem(input.url, allowLoopbackHttp(this.config));
    if (problem) throw new NotifyRuleError('SUBSCRIPTION.INVALID_URL', `url ${problem}`, { field: 'url' });
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const s = await this.ds.transaction((m) =>
      this.subscriptions.insert({ id: randomUUID(), ...input, secret }, actor, m),
    );
    return { ...view(s), secret };
  }

  async list(): Promise<SubscriptionView[]> {
    return (await this.subscriptions.list(this.ds.manager)).map(view);
  }

  async deactivate(id: string): Promise<void> {
    if (!(await this.ds.transaction((m) => this.subscriptions.deactivate(id, m))))
      throw new NotifyRuleError('SUBSCRIPTION.NOT_FOUND', 'no subscription with this id');
  }

  async deliveries(id: string, status: 'DEAD' | null, limit: number) {
    await this.mustExist(id);
    const rows = await this.messages.ofSubscription(id, status, limit, this.ds.manager);
    return rows.map((r) => ({
      id: r.id,
      dossierId: r.dossierId,
      status: r.status,
      attempts: r.attempts,
      failureCode: r.failureCode,
      recordedAt: r.recordedAt,
      firstAttemptAt: r.firstAttemptAt,
      deliveredAt: r.deliveredAt,
      payload: r.body ? (JSON.parse(r.body) as unknown) : null,
    }));
  }

  /** Dead-lettered deliveries back into the queue (all, or the given ones), in their original order. */
  async replay(id: string, messageIds: string[] | null): Promise<{ replayed: number }> {
    await this.mustExist(id);
    const replayed = await this.ds.transaction((m) => this.messages.replay(messageIds, id, new Date(), m));
    return { replayed };
  }

  private async mustExist(id: string): Promise<void> {
    if (!(await this.subscriptions.byId(id, this.ds.manager)))
      throw new NotifyRuleError('SUBSCRIPTION.NOT_FOUND', 'no subscription with this id');
  }
}
