import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { selfSignedCert, waitFor } from '@fg/platform/testing';
import type { NotifyConfig } from '../../config';
import type { Catcher } from '../../testing/notify-harness';
import { SmppChannel, smppConnectOptions } from './smpp-channel';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startCatcher } = require('../../../../../scripts/catcher/catcher.cjs') as {
  startCatcher: (o: Record<string, unknown>) => Promise<Catcher>;
};

/**
 * SMPP over TLS (`smpps://`) against a real TLS SMSC (the catcher's, with a certificate made for this test by
 * openssl): the smpp package only knows `ssmpp:`, so before the mapping a `smpps://` URL spoke plain SMPP to the
 * TLS port and never bound.
 */
describe('SMS over SMPP with TLS (smpps://)', () => {
  let dir: string;
  let cert: string;
  let catcher: Catcher;
  const channels: SmppChannel[] = [];
  const channel = (over: Partial<NotifyConfig>) => {
    const c = new SmppChannel(
      {
        SMPP_SYSTEM_ID: 'notify',
        SMPP_PASSWORD: 'notify',
        SMPP_SOURCE_ADDR: 'MOTCUA',
        ...over,
      } as NotifyConfig,
      pino({ level: 'silent' }),
    );
    channels.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'smpp-tls-'));
    const made = selfSignedCert(dir);
    cert = made.cert;
    catcher = await startCatcher({
      smtpPort: 0,
      smppPort: 0,
      httpPort: 0,
      receiptDelayMs: 50,
      smppTls: { key: readFileSync(made.key), cert: readFileSync(cert) },
    });
  });
  afterAll(async () => {
    for (const c of channels) await c.onModuleDestroy().catch(() => undefined);
    await catcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps smpps:// to the package’s ssmpp:// and keeps smpp:// as it is', () => {
    expect(smppConnectOptions('smpps://smsc.example.vn:3550').url).toBe('ssmpp://smsc.example.vn:3550');
    expect(smppConnectOptions('smpp://smsc.example.vn:2775').url).toBe('smpp://smsc.example.vn:2775');
    expect(smppConnectOptions('smpp://h:1')).not.toHaveProperty('ca');
  });

  it('binds over TLS with the operator’s CA and hands the SMS over, its receipt coming back', async () => {
    const c = channel({ SMPP_URL: `smpps://127.0.0.1:${catcher.smppPort}`, SMPP_CA_FILE: cert });
    const receipts: string[] = [];
    c.listen({
      receipt: (id) => Promise.resolve(void receipts.push(id)),
      reply: () => Promise.resolve(),
    });
    const outcome = await c.send('+84912345699', 'Ho so cua Quy khach da co ket qua.');
    expect(outcome).toMatchObject({ result: 'ACCEPTED' });
    const [sms] = catcher.messages.filter((m) => m.channel === 'SMS');
    expect(sms).toMatchObject({ to: '+84912345699', text: 'Ho so cua Quy khach da co ket qua.' });
    await waitFor(() => receipts.length === 1, { message: 'the delivery receipt over TLS' });
    expect(receipts).toEqual([(outcome as { providerId: string }).providerId]);
  });

  it('refuses an SMSC whose certificate it cannot verify, as a transient failure', async () => {
    const before = catcher.messages.length;
    const c = channel({ SMPP_URL: `smpps://127.0.0.1:${catcher.smppPort}` });
    expect(await c.send('+84912345698', 'x')).toMatchObject({ result: 'TRANSIENT' });
    expect(catcher.messages.length).toBe(before);
  });
});
