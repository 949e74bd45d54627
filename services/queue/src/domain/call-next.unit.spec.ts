import { chooseNext, type ChooseNextInput, type WaitingTicket } from './call-next';
import { aPolicy, aWaitingTicket, minutesAfter, T0 } from './testing/builders';

const NOW = minutesAfter(30);
const choose = (waiting: WaitingTicket[], o: Partial<ChooseNextInput> = {}) =>
  chooseNext({
    waiting,
    counterServiceCodes: ['HT'],
    policy: aPolicy(),
    consecutivePriorityCalls: 0,
    now: NOW,
    ...o,
  });

describe('chooseNext', () => {
  describe('when nobody waits', () => {
    it('returns null', () => {
      expect(choose([])).toBeNull();
    });
  });

  describe('when only tickets of services the counter does not serve wait', () => {
    it('returns null', () => {
      expect(
        choose([
          aWaitingTicket({ serviceCode: 'DD' }),
          aWaitingTicket({ serviceCode: 'CT', priority: 'ELDERLY' }),
        ]),
      ).toBeNull();
    });
  });

  describe('when a counter serves only some services', () => {
    it('calls the earliest ticket among the services it serves', () => {
      const other = aWaitingTicket({ serviceCode: 'DD', queuedAt: T0 });
      const mine = aWaitingTicket({ serviceCode: 'CT', queuedAt: minutesAfter(5) });
      const later = aWaitingTicket({ serviceCode: 'HT', queuedAt: minutesAfter(6) });
      expect(choose([other, later, mine], { counterServiceCodes: ['HT', 'CT'] })?.ticketId).toBe(mine.id);
    });

    it('ignores an elderly citizen waiting for another service', () => {
      const elderlyElsewhere = aWaitingTicket({ serviceCode: 'DD', priority: 'ELDERLY' });
      const normal = aWaitingTicket({ queuedAt: minutesAfter(10) });
      expect(choose([elderlyElsewhere, normal])).toMatchObject({
        ticketId: normal.id,
        reasonCode: 'FIRST_COME_FIRST_SERVED',
      });
    });
  });

  describe('when only normal tickets wait', () => {
    it('serves first come first served and keeps the streak at 0', () => {
      const first = aWaitingTicket({ queuedAt: minutesAfter(1) });
      const second = aWaitingTicket({ queuedAt: minutesAfter(2) });
      expect(choose([second, first])).toEqual({
        ticketId: first.id,
        number: first.number,
        reasonCode: 'FIRST_COME_FIRST_SERVED',
        reason: 'first come first served',
        reasonVi: 'theo thứ tự đến trước',
        nextConsecutivePriorityCalls: 0,
      });
    });

    it('orders same-millisecond tickets by number, A999 before A1000', () => {
      const a1000 = aWaitingTicket({ number: 'A1000' });
      const a999 = aWaitingTicket({ number: 'A999' });
      expect(choose([a1000, a999])?.ticketId).toBe(a999.id);
    });
  });

  describe('when priority tickets wait', () => {
    it('calls the highest class first, in the order the policy lists the classes', () => {
      const elderly = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(1) });
      const disabled = aWaitingTicket({ priority: 'DISABLED', queuedAt: minutesAfter(9) });
      const normal = aWaitingTicket({ queuedAt: T0 });
      expect(choose([normal, elderly, disabled])).toMatchObject({
        ticketId: disabled.id,
        reasonCode: 'PRIORITY',
        reason: 'priority DISABLED',
        reasonVi: 'ưu tiên: người khuyết tật',
        nextConsecutivePriorityCalls: 1,
      });
    });

    it('follows a unit that ranks elderly citizens above everyone else', () => {
      const policy = aPolicy({ priorityClasses: ['ELDERLY', 'DISABLED'] });
      const elderly = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(9) });
      const disabled = aWaitingTicket({ priority: 'DISABLED', queuedAt: minutesAfter(1) });
      expect(choose([disabled, elderly], { policy })).toMatchObject({
        ticketId: elderly.id,
        reason: 'priority ELDERLY',
      });
    });

    it('serves first come first served within one class', () => {
      const late = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(8) });
      const early = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(2) });
      expect(choose([late, early])?.ticketId).toBe(early.id);
    });

    it('treats a class the unit did not list as a normal ticket', () => {
      const policy = aPolicy({ priorityClasses: ['ELDERLY'] });
      const veteran = aWaitingTicket({ priority: 'VETERAN', queuedAt: minutesAfter(5) });
      const normal = aWaitingTicket({ queuedAt: minutesAfter(1) });
      expect(choose([veteran, normal], { policy })).toMatchObject({
        ticketId: normal.id,
        reasonCode: 'FIRST_COME_FIRST_SERVED',
      });
    });

    it('counts the streak up on each priority call', () => {
      const elderly = aWaitingTicket({ priority: 'ELDERLY' });
      expect(
        choose([elderly, aWaitingTicket()], { consecutivePriorityCalls: 2 })?.nextConsecutivePriorityCalls,
      ).toBe(3);
    });
  });

  describe('when the priority streak reached maxConsecutivePriority', () => {
    it('calls the earliest normal ticket and resets the streak', () => {
      const elderly = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(1) });
      const normal = aWaitingTicket({ queuedAt: minutesAfter(3) });
      expect(choose([elderly, normal], { consecutivePriorityCalls: 3 })).toMatchObject({
        ticketId: normal.id,
        reasonCode: 'NORMAL_AFTER_PRIORITY_STREAK',
        reason: 'normal after 3 priority calls',
        reasonVi: 'số thường sau 3 lượt ưu tiên liên tiếp',
        nextConsecutivePriorityCalls: 0,
      });
    });

    it('keeps serving priority tickets when no normal ticket waits', () => {
      const elderly = aWaitingTicket({ priority: 'ELDERLY' });
      expect(choose([elderly], { consecutivePriorityCalls: 3 })).toMatchObject({
        ticketId: elderly.id,
        reasonCode: 'PRIORITY_NO_NORMAL_WAITING',
        reason: 'priority ELDERLY (no normal ticket waiting)',
        nextConsecutivePriorityCalls: 4,
      });
    });

    it('follows a configured maximum of 1: priority and normal alternate', () => {
      const policy = aPolicy({ maxConsecutivePriority: 1 });
      const waiting = [
        aWaitingTicket({ priority: 'PREGNANT', queuedAt: minutesAfter(1) }),
        aWaitingTicket({ priority: 'CHILD', queuedAt: minutesAfter(2) }),
        aWaitingTicket({ queuedAt: minutesAfter(3) }),
        aWaitingTicket({ queuedAt: minutesAfter(4) }),
      ];
      const calls: string[] = [];
      let streak = 0;
      while (waiting.length > 0) {
        const c = choose(waiting, { policy, consecutivePriorityCalls: streak })!;
        calls.push(c.reasonCode);
        streak = c.nextConsecutivePriorityCalls;
        waiting.splice(
          waiting.findIndex((t) => t.id === c.ticketId),
          1,
        );
      }
      expect(calls).toEqual([
        'PRIORITY',
        'NORMAL_AFTER_PRIORITY_STREAK',
        'PRIORITY',
        'FIRST_COME_FIRST_SERVED',
      ]);
    });
  });

  describe('when someone has waited maxWaitMinutes or more', () => {
    it('calls them before any priority ticket, oldest first', () => {
      const overdue = aWaitingTicket({ queuedAt: minutesAfter(-15) }); // 45 min before NOW
      const older = aWaitingTicket({ queuedAt: minutesAfter(-20) });
      const elderly = aWaitingTicket({ priority: 'DISABLED', queuedAt: minutesAfter(20) });
      expect(choose([elderly, overdue, older])).toMatchObject({
        ticketId: older.id,
        reasonCode: 'MAX_WAIT',
        reason: 'waited over 45 min',
        reasonVi: 'đã chờ quá 45 phút',
        nextConsecutivePriorityCalls: 0,
      });
    });

    it('counts exactly maxWaitMinutes as overdue, one second less as not', () => {
      const atLimit = aWaitingTicket({ queuedAt: new Date(NOW.getTime() - 45 * 60_000) });
      const elderly = aWaitingTicket({ priority: 'ELDERLY', queuedAt: NOW });
      expect(choose([atLimit, elderly])?.reasonCode).toBe('MAX_WAIT');
      const nearly = aWaitingTicket({ queuedAt: new Date(NOW.getTime() - 45 * 60_000 + 1000) });
      expect(choose([nearly, elderly])?.reasonCode).toBe('PRIORITY');
    });

    it('extends the streak when the overdue ticket is a priority one', () => {
      const overdueElderly = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(-30) });
      expect(choose([overdueElderly, aWaitingTicket()], { consecutivePriorityCalls: 3 })).toMatchObject({
        ticketId: overdueElderly.id,
        reasonCode: 'MAX_WAIT',
        nextConsecutivePriorityCalls: 4,
      });
    });

    it('ignores overdue tickets of services the counter does not serve', () => {
      const overdueElsewhere = aWaitingTicket({ serviceCode: 'DD', queuedAt: minutesAfter(-60) });
      const normal = aWaitingTicket();
      expect(choose([overdueElsewhere, normal])?.ticketId).toBe(normal.id);
    });
  });

  describe('when a ticket was transferred from another service', () => {
    it('keeps its place by its original issue time', () => {
      const transferred = aWaitingTicket({ number: 'B004', queuedAt: minutesAfter(2) }); // issued for B, now in HT
      const issuedHere = aWaitingTicket({ number: 'A002', queuedAt: minutesAfter(5) });
      expect(choose([issuedHere, transferred])?.ticketId).toBe(transferred.id);
    });

    it('counts its wait from the original issue time for the max-wait rule', () => {
      const transferred = aWaitingTicket({ queuedAt: minutesAfter(-16) });
      const elderly = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(29) });
      expect(choose([elderly, transferred])).toMatchObject({
        ticketId: transferred.id,
        reasonCode: 'MAX_WAIT',
      });
    });
  });

  describe('when maxConsecutivePriority is 0', () => {
    it('switches priority off: strict first come first served', () => {
      const policy = aPolicy({ maxConsecutivePriority: 0 });
      const normal = aWaitingTicket({ queuedAt: minutesAfter(1) });
      const elderly = aWaitingTicket({ priority: 'ELDERLY', queuedAt: minutesAfter(2) });
      expect(choose([elderly, normal], { policy })).toMatchObject({
        ticketId: normal.id,
        reasonCode: 'FIRST_COME_FIRST_SERVED',
      });
      expect(choose([elderly], { policy })).toMatchObject({
        ticketId: elderly.id,
        reasonCode: 'FIRST_COME_FIRST_SERVED',
        nextConsecutivePriorityCalls: 0,
      });
    });
  });
});
