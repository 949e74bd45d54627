import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { OUT_OF_ORDER_CALL_REASON_CODES, type OutOfOrderCallReasonCode } from '@fg/contracts';

export class CallTicketRequest {
  @ApiProperty({ description: 'The waiting ticket to call (of this unit, issued today)' })
  @IsUUID(undefined, { message: 'ticketId must be a UUID' })
  ticketId!: string;

  @ApiProperty({
    enum: OUT_OF_ORDER_CALL_REASON_CODES,
    description: 'Why out of order: GET /api/v1/reason-codes?kind=OUT_OF_ORDER_CALL',
  })
  @IsIn(OUT_OF_ORDER_CALL_REASON_CODES as readonly string[] as string[], {
    message: `reasonCode must be one of ${OUT_OF_ORDER_CALL_REASON_CODES.join(', ')}`,
  })
  reasonCode!: OutOfOrderCallReasonCode;
}
