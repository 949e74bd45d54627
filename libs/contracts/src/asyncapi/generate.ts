// Deep import, as in codec.ts: class-transformer keeps its @Type metadata storage out of the index.
// @ts-expect-error the module has no declaration file of its own; its shape is class-transformer/types/storage.d.ts
import { defaultMetadataStorage as untypedStorage } from 'class-transformer/cjs/storage';
import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { allEventDefinitions } from '../registry';
import '../envelope';
import { ALL_TOPICS, DEFAULT_PARTITIONS, dlqTopic, TOPIC_DESCRIPTIONS, TOPIC_KEY } from '../topics';
import '../events';

/** Builds the AsyncAPI 3.0 document of every topic and event from the contract classes themselves. */
export function generateAsyncApi(): Record<string, unknown> {
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classValidatorMetadataStorage: getMetadataStorage(),
    // The item class of `@ValidateNested({ each: true }) @Type(() => X) xs!: X[]` is only known to
    // class-transformer; without its storage the converter falls back to the design type and writes
    // `items: { $ref: '#/components/schemas/Array' }`, a schema that does not exist.
    classTransformerMetadataStorage: untypedStorage as TransformerMetadataStorage,
  }) as Record<string, Record<string, unknown>>;
  const defs = allEventDefinitions();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const topic of ALL_TOPICS) {
    const topicMessages = defs.filter((d) => d.topic === topic);
    const channelId = topic.replace(/\./g, '-');
    channels[channelId] = {
      address: topic,
      description: `${TOPIC_DESCRIPTIONS[topic]} Kafka key: envelope \`${TOPIC_KEY[topic]}\`. ${DEFAULT_PARTITIONS} partitions. Invalid events go to \`${dlqTopic(topic)}\`.`,
      messages: Object.fromEntries(
        topicMessages.map((d) => [
          messageId(d.type, d.dataversion),
          { $ref: `#/components/messages/${messageId(d.type, d.dataversion)}` },
        ]),
      ),
    };
    operations[`publish-${channelId}`] = { action: 'send', channel: { $ref: `#/channels/${channelId}` } };
    for (const d of topicMessages) {
      messages[messageId(d.type, d.dataversion)] = {
        name: d.type,
        title: `${d.type} v${d.dataversion}`,
        summary: d.description,
        ...(d.consumeOnly
          ? {
              description: `Consume-only (${d.consumeOnly}): producers no longer publish this version; consumers still accept it.`,
            }
          : {}),
        contentType: 'application/cloudevents+json',
        payload: {
          allOf: [
            { $ref: '#/components/schemas/EventEnvelope' },
            {
              type: 'object',
              properties: {
                type: { const: d.type },
                dataversion: { const: d.dataversion },
                data: { $ref: `#/components/schemas/${d.dataClass.name}` },
              },
            },
          ],
        },
      };
    }
  }
  const sortedSchemas = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Friendly Government (Chính quyền thân thiện) events',
      version: '1.0.0',
      description:
        'CloudEvents 1.0 structured JSON on Kafka. Generated from libs/contracts; do not edit by hand (npm run asyncapi).',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages, schemas: sortedSchemas },
  };
}

const messageId = (type: string, version: string) => `${type.replace(/[.]/g, '-')}-v${version}`;
