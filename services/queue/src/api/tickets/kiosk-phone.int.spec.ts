import { randomUUID } from 'node:crypto';
import { dlqTopic, Topics, type SealedContact } from '@fg/contracts';
import { openSealedContact, parseSealKeyring, sealContact, parseSealPublicKey } from '@fg/platform';
import { produceRaw, readTopic } from '@fg/platform/testing';
import { issue, QueueKit, setUpOffice, startQueue, UNIT } from '../../testing/queue-test-kit';

/*
 * Issue #18 item 2: the phone a citizen gives at the kiosk for "your turn is near" leaves the queue only sealed
 * for the notify service, inside ticket.issued, through the real broker. The queue's database never holds it,
 * and no other reader of the topic (the board projection consuming its own topic, its DLQ) sees it in clear.
 */
const PHONE_DIGITS = '912345678';

/** Rows of every table of the queue's database holding `needle` in any column. */
async function rowsHolding(kit: QueueKit, needle: string): Promise<string[]> {
  const tables: { schema: string; name: string }[] = await kit.db
    .query(/* sql */ `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`);
  const hits: string[] = [];
  for (const t of tables) {
    const [{ n }] = await kit.db.query(
      /* sql */ `SELECT count(*)::int AS n FROM "${t.schema}"."${t.name}" AS r WHERE r::text LIKE $1`,
      [`%${needle}%`],
    );
    if (n > 0) hits.push(`${t.schema}.${t.name}`);
  }
  return hits;
}

describe('a phone given at the kiosk', () => {
  let kit: QueueKit;
  beforeAll(async () => {
    kit = await startQueue('queue_kiosk_phone');
    await setUpOffice(kit);
  });
  afterAll(() => kit.close());

  it('travels in ticket.issued sealed for notify only, and the queue keeps no copy', async () => {
    const res = await issue(kit, { serviceCode: 'HT', phone: '0912 345 678' }).expect(201);
    expect(res.body.notifyByPhone).toBe(true);

    const topic = `${kit.env.topicPrefix}${Topics.QUEUE}`;
    const msgs = await readTopic(topic, (m) => m.some((x) => JSON.parse(x.value!).subject === res.body.id));
    const raw = msgs.find((x) => JSON.parse(x.value!).subject === res.body.id)!.value!;
    expect(raw).not.toContain(PHONE_DIGITS);
    const event = JSON.parse(raw);
    expect(event.type).toBe('ticket.issued');
    expect(event.data.contact.keyId).toBe('notify-test');

    // Notify's key opens it, bound to this ticket.
    const keyring = await parseSealKeyring(kit.env.seal.keyring);
    await expect(
      openSealedContact(event.data.contact as SealedContact, keyring, { subject: res.body.id }),
    ).resolves.toEqual({ ok: true, keyId: 'notify-test', contact: { phone: `+84${PHONE_DIGITS}` } });

    expect(await rowsHolding(kit, PHONE_DIGITS)).toEqual([]);
  });

  it('publishes no contact when none is given', async () => {
    const res = await issue(kit, { serviceCode: 'HT' }).expect(201);
    expect(res.body.notifyByPhone).toBe(false);
    const msgs = await readTopic(`${kit.env.topicPrefix}${Topics.QUEUE}`, (m) =>
      m.some((x) => JSON.parse(x.value!).subject === res.body.id),
    );
    const event = JSON.parse(msgs.find((x) => JSON.parse(x.value!).subject === res.body.id)!.value!);
    expect(event.data).not.toHaveProperty('contact');
  });

  it.each([
    ['a landline', '024 3812 3456'],
    ['a foreign number', '+12025550123'],
    ['letters', '09123abc78'],
    ['a number', 912345678],
    ['too long a string', '0912345678'.repeat(3)],
  ])('refuses %s with 400 naming phone, and issues nothing', async (_, phone) => {
    const before = await kit.db.query(/* sql */ `SELECT count(*)::int AS n FROM tickets`);
    const res = await issue(kit, { serviceCode: 'HT', phone }).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/phone must/);
    expect(JSON.stringify(res.body)).not.toContain('3812');
    expect(await kit.db.query(/* sql */ `SELECT count(*)::int AS n FROM tickets`)).toEqual(before);
  });

  it('reaches a DLQ only as ciphertext when a consumer refuses the event', async () => {
    // A ticket.issued the board projection must refuse (a bad number), carrying a well-sealed contact.
    const ticketId = randomUUID();
    const contact = await sealContact({ phone: '0987654321' }, parseSealPublicKey(kit.env.seal.publicKey), {
      subject: ticketId,
    });
    const topic = `${kit.env.topicPrefix}${Topics.QUEUE}`;
    const bad = {
      specversion: '1.0',
      id: randomUUID(),
      type: 'ticket.issued',
      source: 'queue',
      subject: ticketId,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      dataversion: '1',
      unitcode: UNIT,
      data: {
        ticketId,
        number: 'not a number!',
        serviceCode: 'HT',
        priority: 'NONE',
        issuedAt: new Date().toISOString(),
        localDay: '2026-12-06',
        contact,
      },
    };
    await produceRaw(topic, [{ key: UNIT, value: JSON.stringify(bad) }]);
    const dead = await readTopic(dlqTopic(topic), (m) =>
      m.some((x) => x.value !== null && JSON.parse(x.value).id === bad.id),
    );
    const copy = dead.find((x) => x.value !== null && JSON.parse(x.value).id === bad.id)!;
    const text = `${copy.value} ${JSON.stringify(copy.headers)}`;
    expect(text).toContain(contact.box);
    expect(text).not.toContain('987654321');
  });
});
