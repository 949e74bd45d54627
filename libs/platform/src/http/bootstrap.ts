import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { withStartupDetailAtDebug } from '../logging/nest-logger';
import { ROOT_LOGGER } from '../logging/root-logger';
import { ErrorFilter } from './error.filter';
import { buildOpenApiDocument } from './openapi-document';
import { requestObserver } from './request-observer';
import { createValidationPipe } from './validation';

export interface ServiceAppInfo {
  title: string;
  description: string;
}

/** Applies what every service shares to a Nest app: logger, validation, error shape, metrics, OpenAPI. */
export function configureApp(app: INestApplication, info: ServiceAppInfo): void {
  app.useLogger(withStartupDetailAtDebug(app.get(Logger)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter(app.get(ROOT_LOGGER)));
  app.enableShutdownHooks();
  app.enableCors();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, info), { jsonDocumentUrl: 'docs-json' });
}

/** Creates and configures a service app without listening (tests use it with supertest). */
export async function createServiceApp(
  module: Type<unknown>,
  info: ServiceAppInfo,
): Promise<NestExpressApplication> {
  // Our own JSON parser: Nest's turns a malformed body into a bare 400 that loses why it failed.
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // First, so that every request, also one refused by the body parser, has its correlation id, metric and log line.
  app.use(requestObserver(app.get(ROOT_LOGGER)));
  app.use(json({ limit: '10mb' })); // a province's whole unit list fits
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (err?.type === 'entity.parse.failed')
      return res
        .status(400)
        .json(new ErrorFilter().shape(400, 'REQUEST.MALFORMED_JSON', 'Request body is not valid JSON'));
    if (err?.type === 'entity.too.large')
      return res
        .status(413)
        .json(new ErrorFilter().shape(413, 'REQUEST.TOO_LARGE', 'Request body is too large'));
    next(err);
  });
  configureApp(app, info);
  app.set('trust proxy', true);
  return app;
}

/** main.ts of every service: create, listen on PORT (or the default), log where it is. */
export async function runService(
  module: Type<unknown>,
  info: ServiceAppInfo,
  defaultPort: number,
): Promise<void> {
  const app = await createServiceApp(module, info);
  const port = Number(process.env.PORT ?? defaultPort);
  await app.listen(port, process.env.HOST ?? '0.0.0.0');
  app.get(Logger).log(`${info.title} listening on http://127.0.0.1:${port} (docs at /docs)`);
}
