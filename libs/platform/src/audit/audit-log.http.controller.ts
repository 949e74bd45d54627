import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { UnitScoped } from '../auth/unit-scoped';
import { IsInstant } from '../http/is-instant.decorator';
import { AuditLogRepository } from './audit-log';

export class AuditLogQuery {
  @IsOptional()
  @Matches(/^[^\s]{1,200}$/, { message: 'actorId must be 1-200 characters without spaces' })
  actorId?: string;

  /** An action (`counter.pause`) or an area (`counter`: every counter action). */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9.-]{0,63}$/, { message: 'action must be an action code such as counter.pause' })
  action?: string;

  @IsOptional() @IsInstant() from?: string;
  @IsOptional() @IsInstant() to?: string;

  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'before must be the next value of a previous page' })
  before?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/**
 * `GET /api/v1/units/{unitCode}/audit-log`: who did what in a unit, newest first, for its unit-admins and
 * for admins (a unit-admin of a parent unit sees its descendants' logs too: the usual unit scope).
 * Paginated by `before` (the `next` of the previous page), filtered by actor, action or area, and time.
 */
@ApiTags('audit log')
@Controller('api/v1/units/:unitCode/audit-log')
export class AuditLogHttpController {
  constructor(private readonly log: AuditLogRepository) {}

  @Get()
  @Roles('unit-admin')
  @UnitScoped('unitCode')
  @ApiOperation({ summary: "Who did what in this service for a unit (officers' and admins' actions)" })
  @ApiOkResponse({ description: '{ items: [{ seq, at, actorId, action, subject, details }], next }' })
  async list(@Param('unitCode') unitCode: string, @Query() q: AuditLogQuery) {
    const page = await this.log.page({
      unitCode,
      actorId: q.actorId,
      action: q.action,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      before: q.before,
      limit: q.limit ?? 50,
    });
    return {
      items: page.items.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        action: r.action,
        subject: r.subject,
        details: r.details,
      })),
      next: page.next,
    };
  }
}
