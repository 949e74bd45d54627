import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The request's correlation id (from `x-correlation-id`, or generated), to pass explicitly into events. */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return String(ctx.switchToHttp().getRequest<{ id: unknown }>().id);
});
