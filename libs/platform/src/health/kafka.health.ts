import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { KafkaRuntime } from '../kafka/kafka-runtime';

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly kafka: KafkaRuntime,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.health.check(key);
    try {
      const brokers = await this.kafka.describeCluster(2000);
      return indicator.up({ brokers });
    } catch (e) {
      return indicator.down({ message: (e as Error).message });
    }
  }
}
