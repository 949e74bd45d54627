import { decode, encode, createEvent, TicketIssued, type SealedContact } from '@fg/contracts';
import { generateKeyPairSync } from 'node:crypto';
import { isEmailAddress } from '@fg/kernel';
import fc from 'fast-check';
import { contactFingerprints, parseContactFingerprintKey } from './contact-fingerprint';
import { ContactSealer } from './contact-sealer';
import { openSealedContact, sealContact } from './seal-contact';
import {
  formatSealKeyring,
  formatSealPublicKey,
  generateSealKey,
  parseSealKeyring,
  parseSealPublicKey,
  SEAL_KEYRING_CONFIG_PATTERN,
  SEAL_PUBLIC_KEY_CONFIG_PATTERN,
  SealKeyError,
  type SealKeyPair,
  type SealKeyring,
} from './seal-keys';

const TICKET = '0b8a4c7e-0123-4567-8901-012345678901';
const ringOf = (...keys: SealKeyPair[]): SealKeyring => ({ keys: new Map(keys.map((k) => [k.keyId, k])) });

/** Flips one bit of the box's bytes at `index` (modulo its length). */
function tampered(sealed: SealedContact, index: number): SealedContact {
  const bytes = Buffer.from(sealed.box, 'base64url');
  bytes[index % bytes.length] ^= 1;
  return { ...sealed, box: bytes.toString('base64url') };
}

describe('sealed contacts', () => {
  let epoch1: SealKeyPair;
  let epoch2: SealKeyPair;
  beforeAll(async () => {
    epoch1 = await generateSealKey('notify-20261206');
    epoch2 = await generateSealKey('notify-20270106');
  });

  describe('when notify opens a box sealed to its key', () => {
    it('gives back the contact in normal form, bound to its subject', async () => {
      const sealed = await sealContact({ phone: '0912 345 678', email: 'Huong@Example.vn' }, epoch1, {
        subject: TICKET,
      });
      expect(sealed.keyId).toBe('notify-20261206');
      await expect(openSealedContact(sealed, ringOf(epoch1), { subject: TICKET })).resolves.toEqual({
        ok: true,
        keyId: 'notify-20261206',
        contact: { phone: '+84912345678', email: 'Huong@example.vn' },
      });
    });

    it('round-trips any valid phone and e-mail (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('91', '32', '86', '70', '59'),
          fc.stringMatching(/^\d{7}$/),
          fc.option(fc.emailAddress().filter(isEmailAddress), { nil: undefined }),
          async (prefix, rest, email) => {
            const phone = `0${prefix}${rest}`;
            const sealed = await sealContact({ phone, email }, epoch1);
            const opened = await openSealedContact(sealed, ringOf(epoch1));
            expect(opened.ok).toBe(true);
            if (opened.ok) expect(opened.contact.phone).toBe(`+84${phone.slice(1)}`);
          },
        ),
        { numRuns: 50 },
      );
    });

    it('seals the same contact differently each time and hides the e-mail length (64-byte padding)', async () => {
      const a = await sealContact({ email: 'a@example.vn' }, epoch1);
      const b = await sealContact({ email: 'a@example.vn' }, epoch1);
      const longer = await sealContact({ email: 'nguyen.thi.huong@example.vn' }, epoch1);
      expect(a.box).not.toBe(b.box);
      expect(longer.box.length).toBe(a.box.length);
    });

    it('is an event field the codec accepts, and the event text holds no contact in clear', async () => {
      const contact = await sealContact({ phone: '0912345678', email: 'huong@example.vn' }, epoch1, {
        subject: TICKET,
      });
      const event = createEvent(
        TicketIssued,
        {
          ticketId: TICKET,
          number: 'A001',
          serviceCode: 'HT',
          priority: 'NONE',
          issuedAt: '2026-12-06T01:00:00.000Z',
          localDay: '2026-12-06',
          contact,
        },
        { source: 'queue', subject: TICKET, unitcode: '07210' },
      );
      const text = encode(event).toString();
      expect(text).not.toMatch(/912345678|huong|example/);
      const back = decode(Buffer.from(text)).data as { contact: SealedContact };
      await expect(
        openSealedContact(back.contact, ringOf(epoch1), { subject: TICKET }),
      ).resolves.toMatchObject({
        ok: true,
      });
    });
  });

  describe('when the box cannot be read', () => {
    it('refuses it with the wrong key (another epoch under the same key id)', async () => {
      const sealed = await sealContact({ phone: '0912345678' }, epoch1);
      const impostor = { ...epoch2, keyId: epoch1.keyId };
      await expect(openSealedContact(sealed, ringOf(impostor))).resolves.toEqual({
        ok: false,
        reason: 'UNREADABLE',
      });
    });

    it('refuses any tampered box (every byte position, property)', async () => {
      const sealed = await sealContact({ phone: '0912345678' }, epoch1);
      const length = Buffer.from(sealed.box, 'base64url').length;
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: length - 1 }), async (i) => {
          await expect(openSealedContact(tampered(sealed, i), ringOf(epoch1))).resolves.toEqual({
            ok: false,
            reason: 'UNREADABLE',
          });
        }),
      );
    });

    it('refuses a box copied into another ticket (subject binding)', async () => {
      const sealed = await sealContact({ phone: '0912345678' }, epoch1, { subject: TICKET });
      await expect(
        openSealedContact(sealed, ringOf(epoch1), { subject: '11111111-2222-4333-8444-555555555555' }),
      ).resolves.toEqual({ ok: false, reason: 'WRONG_SUBJECT' });
    });

    it('refuses a well-sealed box whose content is not a contact', async () => {
      const sodium = (await import('libsodium-wrappers')).default;
      await sodium.ready;
      const forge = (json: string): SealedContact => ({
        keyId: epoch1.keyId,
        box: Buffer.from(
          sodium.crypto_box_seal(sodium.pad(new TextEncoder().encode(json), 64), epoch1.publicKey),
        ).toString('base64url'),
      });
      for (const json of ['{"v":1,"p":"02438123456"}', '{"v":2,"p":"+84912345678"}', '{"v":1}', 'null', '[1'])
        await expect(openSealedContact(forge(json), ringOf(epoch1))).resolves.toEqual({
          ok: false,
          reason: 'INVALID_CONTENT',
        });
    });

    it('refuses a malformed box without trying it', async () => {
      await expect(
        openSealedContact({ keyId: epoch1.keyId, box: '0912345678' }, ringOf(epoch1)),
      ).resolves.toEqual({ ok: false, reason: 'UNREADABLE' });
    });

    it('refuses invalid details instead of sealing them', async () => {
      await expect(sealContact({ phone: '02438123456' }, epoch1)).rejects.toThrow(RangeError);
      await expect(sealContact({}, epoch1)).rejects.toThrow(RangeError);
    });
  });

  describe('when notify rotates its key (two epochs)', () => {
    it('opens boxes of both epochs while both secrets are in the keyring', async () => {
      const old = await sealContact({ phone: '0912345678' }, epoch1);
      const current = await sealContact({ phone: '0987654321' }, epoch2);
      const ring = await parseSealKeyring(formatSealKeyring([epoch2, epoch1]));
      await expect(openSealedContact(old, ring)).resolves.toMatchObject({ ok: true, keyId: epoch1.keyId });
      await expect(openSealedContact(current, ring)).resolves.toMatchObject({
        ok: true,
        keyId: epoch2.keyId,
      });
    });

    it('can no longer open the old epoch once its secret is destroyed (crypto-shredding)', async () => {
      const old = await sealContact({ phone: '0912345678' }, epoch1);
      const ring = await parseSealKeyring(formatSealKeyring([epoch2]));
      await expect(openSealedContact(old, ring)).resolves.toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    });
  });
});

describe('seal key settings', () => {
  it('reads back what it writes, deriving public keys from secrets', async () => {
    const k = await generateSealKey('notify-20261206');
    const publicSetting = formatSealPublicKey(k);
    expect(publicSetting).toMatch(SEAL_PUBLIC_KEY_CONFIG_PATTERN);
    expect(parseSealPublicKey(publicSetting)).toEqual({ keyId: k.keyId, publicKey: k.publicKey });
    const ringSetting = formatSealKeyring([k]);
    expect(ringSetting).toMatch(SEAL_KEYRING_CONFIG_PATTERN);
    const ring = await parseSealKeyring(ringSetting);
    expect(ring.keys.get(k.keyId)?.publicKey).toEqual(k.publicKey);
  });

  it('works with an X25519 key made by node:crypto (as scripts/start.mjs and the test kits make them)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    const pub = publicKey.export({ format: 'jwk' }).x!;
    const secret = privateKey.export({ format: 'jwk' }).d!;
    const sealed = await sealContact({ phone: '0912345678' }, parseSealPublicKey(`notify-dev:${pub}`));
    const ring = await parseSealKeyring(`notify-dev:${secret}`);
    await expect(openSealedContact(sealed, ring)).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['no key id', 'AAAA'],
    ['a numeric key id', `0912345678:${'A'.repeat(43)}`],
    ['a short key', 'notify-1:AAAA'],
  ])('refuses a public key setting with %s', (_, setting) => {
    expect(() => parseSealPublicKey(setting)).toThrow(SealKeyError);
  });

  it('refuses a keyring naming a key twice, or empty', async () => {
    const k = await generateSealKey('notify-20261206');
    await expect(parseSealKeyring(formatSealKeyring([k, k]))).rejects.toThrow(SealKeyError);
    await expect(parseSealKeyring(' , ')).rejects.toThrow(SealKeyError);
  });
});

describe('ContactSealer (producers)', () => {
  it('seals with the configured key, or puts nothing on the bus without one', async () => {
    const k = await generateSealKey('notify-20261206');
    const sealer = ContactSealer.fromConfig(formatSealPublicKey(k));
    expect(sealer.available).toBe(true);
    const sealed = await sealer.seal({ phone: '0912345678' }, { subject: TICKET });
    await expect(openSealedContact(sealed!, ringOf(k), { subject: TICKET })).resolves.toMatchObject({
      ok: true,
    });
    const none = ContactSealer.fromConfig(undefined);
    expect(none.available).toBe(false);
    await expect(none.seal({ phone: '0912345678' }, { subject: TICKET })).resolves.toBeUndefined();
  });
});

describe('contact fingerprints', () => {
  const key = parseContactFingerprintKey(Buffer.alloc(32, 7).toString('base64'));
  it('are the same for every way of writing a contact, and differ between contacts', () => {
    const a = contactFingerprints({ phone: '0912 345 678', email: 'Huong@Example.vn' }, key);
    expect(contactFingerprints({ phone: '+84912345678', email: 'huong@example.vn' }, key)).toEqual(a);
    expect(contactFingerprints({ phone: '0912345679' }, key).phone).not.toBe(a.phone);
    expect(a.phone).not.toContain('912345678');
  });
  it('depend on the key', () => {
    const other = parseContactFingerprintKey(Buffer.alloc(32, 8).toString('base64url'));
    expect(contactFingerprints({ phone: '0912345678' }, other)).not.toEqual(
      contactFingerprints({ phone: '0912345678' }, key),
    );
  });
  it('refuse a short key', () => {
    expect(() => parseContactFingerprintKey('c2hvcnQ=')).toThrow(RangeError);
  });
});
