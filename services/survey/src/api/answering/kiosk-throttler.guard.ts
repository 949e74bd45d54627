import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { UNIT_CODE_PATTERN } from '@fg/contracts';
import { AuthUser, DomainError } from '@fg/platform';

export const KIOSK_THROTTLER = 'kiosk';

/**
 * Limits kiosk responses per device. The device is the kiosk token's `sub` (set by the global JWT guard,
 * which runs first), not the IP: an office's kiosks often share one NAT address.
 */
@Injectable()
export class KioskThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const user = req.user as AuthUser | undefined;
    return user ? `device:${user.sub}` : `ip:${String(req.ip)}`;
  }

  /** A request the route refuses anyway (malformed unit code) must not write a counter row. */
  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    const unitCode = ctx.switchToHttp().getRequest<{ params?: Record<string, string> }>().params?.unitCode;
    if (typeof unitCode === 'string' && !UNIT_CODE_PATTERN.test(unitCode)) return true;
    return super.shouldSkip(ctx);
  }

  protected override async throwThrottlingException(
    _ctx: ExecutionContext,
    detail: { timeToBlockExpire: number },
  ): Promise<void> {
    throw new DomainError(
      'TOO_MANY',
      'SURVEY.KIOSK_RATE_LIMITED',
      `Too many responses from this kiosk; retry in ${detail.timeToBlockExpire} s`,
    );
  }
}
