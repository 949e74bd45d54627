import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant } from '@fg/platform';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { APPOINTMENT_SETTINGS_LIMITS as L } from '../../domain/appointments/appointment-settings';
import { SERVICE_CODE_PATTERN } from '../path-params';

export class BookAppointmentRequest {
  @ApiProperty({ example: 'HT' })
  @IsString()
  @Matches(SERVICE_CODE_PATTERN, {
    message: 'serviceCode must be 1-32 letters, digits, dots, dashes or underscores',
  })
  serviceCode!: string;

  @ApiProperty({
    example: '2026-12-08T08:00:00+07:00',
    description: "The slot's start, as listed by GET …/slots",
  })
  @IsInstant()
  slotStart!: string;

  @ApiPropertyOptional({
    example: '0912345678',
    description:
      'A Vietnamese mobile number, or give idNumber: only its keyed hash is kept (per-person limit)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({
    example: '001234567890',
    description: 'CCCD (12 digits) or CMND (9), instead of phone',
  })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  idNumber?: string;
}

export class MoveAppointmentRequest {
  @ApiProperty({ example: '2026-12-08T09:00:00+07:00' })
  @IsInstant()
  slotStart!: string;
}

export class CheckInRequest {
  @ApiProperty({
    example: 'K7M3QXPA',
    description: 'Typed or scanned from the QR; case, spaces and dashes ignored',
  })
  @IsString()
  @MaxLength(20)
  code!: string;
}

export class SlotsQuery {
  @ApiProperty({ example: '2026-12-08', description: 'Local date (Asia/Ho_Chi_Minh)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a local date YYYY-MM-DD' })
  date!: string;
}

const int = (k: keyof typeof L) => [IsOptional(), IsInt(), Min(L[k].min), Max(L[k].max)];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };

/** Omitted fields take the defaults (DEFAULT_APPOINTMENT_SETTINGS). */
export class PutAppointmentSettingsRequest {
  @ApiPropertyOptional({ default: 15 }) @apply(int('slotMinutes')) slotMinutes?: number;
  @ApiPropertyOptional({ default: 1 })
  @apply(int('citizensPerCounterPerSlot'))
  citizensPerCounterPerSlot?: number;
  @ApiPropertyOptional({ default: 30 }) @apply(int('walkInReservePercent')) walkInReservePercent?: number;
  @ApiPropertyOptional({ default: 30 }) @apply(int('checkInBeforeMinutes')) checkInBeforeMinutes?: number;
  @ApiPropertyOptional({ default: 15 }) @apply(int('graceMinutes')) graceMinutes?: number;
  @ApiPropertyOptional({ default: 10 }) @apply(int('toleranceMinutes')) toleranceMinutes?: number;
  @ApiPropertyOptional({ default: 2 }) @apply(int('maxBookingsPerPerson')) maxBookingsPerPerson?: number;
  @ApiPropertyOptional({ default: 30 }) @apply(int('horizonDays')) horizonDays?: number;
}
