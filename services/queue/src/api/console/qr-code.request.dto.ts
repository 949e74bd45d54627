import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** What a QR code on a printed receipt carries: a look-up address, nothing longer than a URL with a key. */
export class QrCodeRequest {
  @ApiProperty({
    example: 'https://dossier.example.vn/tra-cuu/07210-250707-0001#k=AB23CD45EF',
    maxLength: 500,
  })
  @IsString()
  @Length(1, 500)
  @Matches(/^https?:\/\/\S+$/, { message: 'text must be an http(s) address without spaces' })
  text!: string;
}
