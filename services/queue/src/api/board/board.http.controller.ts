import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { DomainError, ErrorFilter, Public, UnitCodePipe, UnitScoped } from '@fg/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { BoardStreamLimits } from '../../application/board-stream-limits';
import { BoardStreamHub } from '../../application/board-stream.hub';
import { BoardViewService } from '../../application/board-view.service';
import type { BoardEventRow } from '../../persistence/board.repository';

export class BoardStreamQuery {
  @ApiPropertyOptional({
    description: 'Same as the Last-Event-ID header, for clients that cannot set headers',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER) // 1e30 is an integer to JavaScript, not to Postgres' bigint
  lastEventId?: number;
}

/**
 * A change's SSE frame, serialised once however many boards receive it: the hub hands every client of a unit
 * the same row object, so a call shown on 1,000 boards costs one JSON.stringify, not 1,000.
 */
const frames = new WeakMap<BoardEventRow, string>();
const frameOf = (row: BoardEventRow): string => {
  let frame = frames.get(row);
  if (frame === undefined) {
    frame = `id: ${row.seq}\nevent: ${row.type}\ndata: ${JSON.stringify(row.payload)}\n\n`;
    frames.set(row, frame);
  }
  return frame;
};

/** How long a board refused for a full instance waits before it tries again (the client's EventSource retries). */
const FULL_RETRY_SECONDS = 30;

/** The office's display board: public, read from the board projection (see BoardProjectionConsumer). */
@ApiTags('board')
@Controller('api/v1/units/:unitCode/board')
@UnitScoped('unitCode')
@Public()
export class BoardHttpController {
  constructor(
    private readonly view: BoardViewService,
    private readonly hub: BoardStreamHub,
    private readonly limits: BoardStreamLimits,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Per counter the number being served, the last 10 calls, waiting counts per service, and the office's dossier figures (`dossiers`: today's and this month's received, resolved early / on time / late, on-time rate, overdue now)",
  })
  async get(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return this.view.snapshot(unitCode);
  }

  @Get('stream')
  @ApiOperation({
    summary: 'Server-sent events: every board change with an id; reconnect with Last-Event-ID to resume',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiOkResponse({
    description:
      'text/event-stream; first a `snapshot` event unless resuming, then one event per change (`dossiers.changed` carries fresh dossier figures)',
  })
  @ApiTooManyRequestsResponse({ description: 'This address has BOARD_STREAMS_PER_ADDRESS streams open' })
  @ApiServiceUnavailableResponse({ description: 'This instance has BOARD_STREAMS_MAX streams open' })
  async stream(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Query() q: BoardStreamQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // Admitted before anything is read, and released at the response's close whatever happens next.
    const release = this.limits.admit(req.ip ?? req.socket.remoteAddress ?? '');
    if (release === 'ADDRESS_FULL')
      throw new DomainError(
        'TOO_MANY',
        'BOARD.TOO_MANY_STREAMS',
        'Too many board streams from this address; close one first',
      );
    if (release === 'INSTANCE_FULL') {
      res.status(503).set('Retry-After', String(FULL_RETRY_SECONDS));
      res.json(
        new ErrorFilter().shape(
          503,
          'BOARD.STREAMS_FULL',
          'This server has no room for another board stream',
        ),
      );
      return;
    }
    res.on('close', release);
    const header = Number(req.headers['last-event-id']);
    const resumeFrom = Number.isSafeInteger(header) && header >= 0 ? header : q.lastEventId;

    // Where to start is settled before any byte is sent, so a failure here is still a JSON error.
    const resume = resumeFrom !== undefined && (await this.view.canResume(unitCode, resumeFrom));
    const snapshot = resume ? undefined : await this.view.snapshot(unitCode);
    if (res.destroyed) return; // the board left while we were reading

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const write = (id: number, event: string, data: unknown) =>
      res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (snapshot) write(snapshot.lastEventId, 'snapshot', snapshot);
    const lastSeq = snapshot ? snapshot.lastEventId : resumeFrom!;
    const remove = this.hub.add({
      unitCode,
      lastSeq,
      send: (e) => res.write(frameOf(e)),
      ping: () => res.write(': keep-alive\n\n'),
      close: () => res.end(),
    });
    // The response's close (not the request's, which may fire once the request is read) marks a gone board.
    res.on('close', remove);
  }
}
