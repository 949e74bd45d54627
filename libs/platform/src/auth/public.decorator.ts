import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'fg:isPublic';
/** Marks an endpoint a citizen may call without a token (kiosk ticket, survey by token, status look-up, board). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
