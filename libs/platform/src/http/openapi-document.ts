import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_OPERATION_MARK } from '../auth/public.decorator';

export interface OpenApiInfo {
  title: string;
  description: string;
}

const BEARER = 'bearer';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document a service serves at /docs-json. Every operation states its security: `[]` for a
 * route marked @Public(), the bearer JWT otherwise (the global JwtAuthGuard's rule), so no controller can
 * leave an operation undocumented. The server is the relative `/`: the same document is served by every
 * deployment, behind whatever host and proxy.
 */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(info.title)
      .setDescription(info.description)
      .setVersion('1.0')
      .addServer('/')
      .addBearerAuth(undefined, BEARER)
      .build(),
  );
  for (const path of Object.values(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = path[method] as (typeof path)[typeof method] & { [PUBLIC_OPERATION_MARK]?: boolean };
      if (!operation) continue;
      if (operation[PUBLIC_OPERATION_MARK]) {
        delete operation[PUBLIC_OPERATION_MARK];
        operation.security = [];
      } else if (!operation.security?.length) {
        operation.security = [{ [BEARER]: [] }];
      }
    }
  }
  return doc;
}
