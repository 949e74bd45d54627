import { bearer } from '@fg/platform/testing';
import {
  counterAction,
  issue,
  QueueKit,
  setUpOffice,
  startQueue,
  ticketAction,
  tokens,
  UNIT,
} from '../../testing/queue-test-kit';

const DOSSIER_ORIGIN = 'http://dossier.test:3002';

describe('the counter console view, its receipt QR and its page', () => {
  let kit: QueueKit;
  const view = (counterNo = '1', auth = tokens.officer) =>
    kit.http().get(`/api/v1/units/${UNIT}/counters/${counterNo}/console`).set('Authorization', auth);

  beforeAll(async () => {
    process.env.DOSSIER_PUBLIC_URL = DOSSIER_ORIGIN;
    kit = await startQueue('queue_console');
    await setUpOffice(kit, [
      { no: '1', services: ['HT', 'CT'] },
      { no: '2', services: ['CT'] },
    ]);
  });
  afterAll(async () => {
    delete process.env.DOSSIER_PUBLIC_URL;
    await kit.close();
  });

  describe('when citizens wait and the counter serves one', () => {
    it('lists the waiting tickets in the order the policy calls them, the first with its reason', async () => {
      const normal = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body;
      const elderly = (await issue(kit, { serviceCode: 'CT', priority: 'ELDERLY' }).expect(201)).body;
      const later = (await issue(kit, { serviceCode: 'HT' }).expect(201)).body;
      const closed = (await view().expect(200)).body;
      expect(closed).toMatchObject({
        unitCode: UNIT,
        counter: { counterNo: '1', name: 'Quầy 1', serviceCodes: ['HT', 'CT'], status: 'CLOSED' },
        current: null,
        parked: [],
        servedToday: 0,
        waitingTotal: 3,
        dossierApiUrl: DOSSIER_ORIGIN,
      });
      expect(closed.waiting.map((w: { number: string }) => w.number)).toEqual([
        elderly.number,
        normal.number,
        later.number,
      ]);
      expect(closed.waiting[0]).toMatchObject({
        id: elderly.id,
        order: 1,
        priority: 'ELDERLY',
        priorityLabel: 'người cao tuổi',
        reasonCode: 'PRIORITY',
        reasonVi: 'ưu tiên: người cao tuổi',
        waitedMinutes: 0,
      });
      expect(closed.waiting[1]).toMatchObject({ order: 2, reasonCode: null, reasonVi: null });
      expect(closed.services.map((s: { code: string }) => s.code)).toEqual(['CT', 'HT']);
      expect(closed.counters.map((c: { counterNo: string }) => c.counterNo)).toEqual(['1', '2']);
      // Counter 2 serves CT only: the HT tickets are not on its list.
      const two = (await view('2').expect(200)).body;
      expect(two.waiting.map((w: { id: string }) => w.id)).toEqual([elderly.id]);
      expect(two.waitingTotal).toBe(1);

      await counterAction(kit, '1', 'open').expect(200);
      const call = await counterAction(kit, '1', 'call-next').expect(200);
      expect(call.body.ticket.id).toBe(elderly.id); // what the console said would come first
      const serving = (await view().expect(200)).body;
      expect(serving).toMatchObject({
        counter: { status: 'OPEN', officerId: 'o-1' },
        current: { id: elderly.id, status: 'CALLED', counterNo: '1', priorityLabel: 'người cao tuổi' },
        waitingTotal: 2,
        officers: [{ officerId: 'o-1', counterNo: '1' }],
      });
      await ticketAction(kit, elderly.id, 'start').expect(200);
      await ticketAction(kit, elderly.id, 'complete').expect(200);
      const done = (await view().expect(200)).body;
      expect(done).toMatchObject({ current: null, servedToday: 1, waitingTotal: 2 });
      expect((await view('2').expect(200)).body.servedToday).toBe(0); // counted per counter
    });
  });

  describe('when the officer calls by choice, transfers and parks', () => {
    const officer2 = bearer({ sub: 'o-2', roles: ['officer'], units: [UNIT] });

    it('shows how the ticket at the counter was called, the parked ones, and the ones transferred here', async () => {
      // Counter 1 is open (o-1) from the test above; o-2 opens counter 2 (CT only).
      await counterAction(kit, '2', 'open', {}, UNIT, officer2).expect(200);
      const before = (await view().expect(200)).body;
      const chosen = before.waiting[before.waiting.length - 1];
      await counterAction(kit, '1', 'call-ticket', { ticketId: chosen.id, reasonCode: 'SAME_GROUP' }).expect(
        200,
      );
      expect((await view().expect(200)).body.current).toMatchObject({
        id: chosen.id,
        call: { kind: 'CHOSEN', reasonCode: 'SAME_GROUP' },
      });

      // Transferred by name to counter 2: an HT ticket, which counter 2 does not serve, is now on its list only.
      await ticketAction(kit, chosen.id, 'transfer', { counterNo: '2' }).expect(200);
      const one = (await view().expect(200)).body;
      expect(one.current).toBeNull();
      expect(one.waiting.map((w: { id: string }) => w.id)).not.toContain(chosen.id);
      expect(one.waitingTotal).toBe(one.waiting.length);
      const two = (await view('2', officer2).expect(200)).body;
      expect(two.waiting.find((w: { id: string }) => w.id === chosen.id)).toMatchObject({
        serviceCode: chosen.serviceCode,
        reservedFor: 'COUNTER',
      });
      expect(two.waitingTotal).toBe(two.waiting.length);

      // Call next at counter 1 (the policy's reason recorded), park it, call it back.
      const next = (await counterAction(kit, '1', 'call-next').expect(200)).body;
      expect((await view().expect(200)).body.current).toMatchObject({
        id: next.ticket.id,
        call: { kind: 'NEXT', reasonCode: next.reasonCode },
      });
      await ticketAction(kit, next.ticket.id, 'park', { reasonCode: 'FETCH_DOCUMENT' }).expect(200);
      const parked = (await view().expect(200)).body;
      expect(parked.current).toBeNull();
      expect(parked.parked).toEqual([
        expect.objectContaining({
          id: next.ticket.id,
          number: next.ticket.number,
          parkReasonCode: 'FETCH_DOCUMENT',
        }),
      ]);
      expect((await view('2', officer2).expect(200)).body.parked).toEqual([]); // only its own counter's
      await ticketAction(kit, next.ticket.id, 'unpark').expect(200);
      const back = (await view().expect(200)).body;
      expect(back.parked).toEqual([]);
      expect(back.current).toMatchObject({ id: next.ticket.id, status: 'CALLED', call: { kind: 'UNPARK' } });
      await ticketAction(kit, next.ticket.id, 'no-show').expect(200);
    });
  });

  describe('who may read it', () => {
    it('answers the unit’s officers and unit-admins only, and names a bad or unknown counter', async () => {
      await kit.http().get(`/api/v1/units/${UNIT}/counters/1/console`).expect(401);
      await view('1', tokens.kiosk).expect(403);
      await view('1', tokens.viewer).expect(403);
      await view('1', tokens.otherOfficer).expect(403);
      await view('1', tokens.unitAdmin).expect(200);
      const unknown = await view('99').expect(404);
      expect(unknown.body).toMatchObject({ code: 'COUNTER.NOT_FOUND' });
      expect(unknown.body.message).toMatch(/99/);
      const bad = await view('bad%20no').expect(400);
      expect(bad.body.message).toMatch(/counter number/);
    });
  });

  describe('the receipt QR code', () => {
    const qr = (body: object, auth = tokens.officer) =>
      kit.http().post(`/api/v1/units/${UNIT}/counters/1/receipt-qr`).set('Authorization', auth).send(body);

    it('draws an SVG of a look-up address for the unit’s officer', async () => {
      const res = await qr({ text: `${DOSSIER_ORIGIN}/api/v1/public/dossiers/X-1?key=K1` }).expect(200);
      expect(res.body.svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(res.body.svg).toMatch(/<path /);
    });

    it('refuses what is not an address, too long, or asked by another role or unit (4xx naming it)', async () => {
      expect((await qr({ text: 'not a url' }).expect(400)).body.message).toMatch(/text must be an http/);
      expect((await qr({}).expect(400)).body.message).toMatch(/text/);
      const long = `https://x.vn/${'a'.repeat(500)}`;
      expect((await qr({ text: long }).expect(400)).body.message).toMatch(/text must be/);
      await qr({ text: 'https://x.vn/a' }, tokens.kiosk).expect(403);
      await qr(
        { text: 'https://x.vn/a' },
        bearer({ sub: 'o-9', roles: ['officer'], units: ['99999'] }),
      ).expect(403);
    });
  });

  describe('the page', () => {
    it('is served with a CSP that connects only to itself and the dossier service', async () => {
      const page = await kit.http().get(`/counter/${UNIT}/1`).expect(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ${DOSSIER_ORIGIN};`);
      expect(page.headers['content-security-policy']).toContain("script-src 'self';");
      expect(page.text).toContain('lang="vi"');
      const js = await kit.http().get('/pages/counter/counter.js').expect(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(js.text).not.toMatch(/eyJ[\w-]{10,}/); // no token baked in
      await kit.http().get('/pages/counter/office-pages.http.controller.ts').expect(404);
      await kit.http().get(`/counter/${UNIT}/bad%20no`).expect(400);
    });
  });
});
