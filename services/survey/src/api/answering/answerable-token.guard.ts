import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ResponsesService } from '../../application/responses.service';

/**
 * Refuses an unknown, expired or used invitation token before the body is validated. Guards run before pipes
 * (the body's ValidationPipe), and Nest runs a handler's parameter pipes concurrently, so a param pipe could
 * not keep a made-up token from costing a full answer validation (issue #16, row 1).
 */
@Injectable()
export class AnswerableTokenGuard implements CanActivate {
  constructor(private readonly responses: ResponsesService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { token } = context.switchToHttp().getRequest<Request<{ token: string }>>().params;
    await this.responses.assertAnswerable(token);
    return true;
  }
}
