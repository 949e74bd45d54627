import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'fg:isPublic';
/**
 * Marks the operations of a public route in the OpenAPI document, so that `buildOpenApiDocument` gives them
 * `security: []` (and every other operation the bearer requirement) from the same decorator the guard reads.
 * @nestjs/swagger drops an empty `@ApiSecurity` list, hence a marker that the document builder removes.
 */
export const PUBLIC_OPERATION_MARK = 'x-fg-public';
/** Marks an endpoint a citizen may call without a token (kiosk ticket, survey by token, status look-up, board). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION_MARK, true));
