import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import { loadConfig, PlatformConfig } from '../config/platform-config';
import { Logger } from 'nestjs-pino';
import { withStartupDetailAtDebug } from '../logging/nest-logger';
import { ROOT_LOGGER } from '../logging/root-logger';
import { ErrorFilter } from './error.filter';
import { applyHttpHygiene } from './http-hygiene';
import { bodyErrorProblem } from './body-errors';
import { deferBody } from './deferred-body';
import { DEFAULT_JSON_BUDGET, jsonBudgetProblem } from './json-budget';
import { buildOpenApiDocument } from './openapi-document';
import { requestObserver } from './request-observer';
import { trustProxySetting } from './trust-proxy';
import { createValidationPipe } from './validation';

export interface ServiceAppInfo {
  title: string;
  description: string;
  /**
   * Routes that need a larger JSON body than HTTP_BODY_LIMIT_KB (exact path, no parameters), e.g. a bulk import.
   * Their body is read by the last global guard (`DeferredBodyGuard`), so no guard may read it: no
   * `@UnitScoped({ body })` on such a route (the guard would find no body and answer 400), and no
   * `@UseGuards` of its own (those run after the body is parsed).
   */
  bodyLimits?: readonly { path: string; limitKb: number }[];
}

/** Where an unauthenticated caller may post: the smaller HTTP_PUBLIC_BODY_LIMIT_KB applies. */
const PUBLIC_PREFIX = '/api/v1/public/';

/**
 * Nest's Express adapter with the server's connection timeouts set when it is created: the check that closes a
 * socket past its headers or request timeout runs every `connectionsCheckingInterval` (Node's default 30 s),
 * which cannot be changed afterwards.
 */
class BoundedExpressAdapter extends ExpressAdapter {
  constructor(private readonly config: PlatformConfig) {
    super();
  }

  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.forceCloseConnections) return super.initHttpServer(options);
    const c = this.config;
    this.httpServer = createServer(
      {
        headersTimeout: c.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeout: c.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveTimeout: c.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        connectionsCheckingInterval: Math.min(1000, c.HTTP_HEADERS_TIMEOUT_MS),
      },
      this.getInstance(),
    );
    closeSlowFirstHeaders(this.httpServer, c.HTTP_HEADERS_TIMEOUT_MS);
  }
}

/**
 * Destroys a connection whose first request has not sent all its headers within `ms` (slow loris: 500 such
 * sockets were still held after 60 s, issue #16 row 6). Node's own headersTimeout stays on and also covers the
 * later requests of a kept-alive connection, but its check walks a connection list that, under jest's VM
 * environment, never holds the connections (observed on Node 20): this deadline, one unref'd timer per
 * connection cleared by its first request, is what the board-stream int spec can prove.
 */
function closeSlowFirstHeaders(server: Server, ms: number): void {
  const deadlines = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('connection', (socket: Socket) => {
    const deadline = setTimeout(() => socket.destroy(), ms).unref();
    deadlines.set(socket, deadline);
    socket.once('close', () => clearTimeout(deadline));
  });
  server.prependListener('request', (req: IncomingMessage) => clearTimeout(deadlines.get(req.socket)));
}

/**
 * The JSON body parser, bounded before any parsing: the size limit of the route (public routes a few KiB),
 * then the depth and key budget checked on the raw bytes (`jsonBudgetProblem`), so that no body can make
 * JSON.parse, class-transformer or class-validator hold the event loop. A route with a limit of its own
 * (`bodyLimits`, larger than the default) is parsed only after the guards (`deferBody`): no unauthenticated
 * client gets megabytes buffered.
 */
function boundedJson(config: PlatformConfig, info: ServiceAppInfo) {
  const verify = (_req: unknown, _res: unknown, buf: Buffer) => {
    const problem = jsonBudgetProblem(buf, DEFAULT_JSON_BUDGET);
    if (problem) throw Object.assign(new Error(problem), { type: 'entity.over.budget', status: 400 });
  };
  const parser = (limitKb: number) => json({ limit: limitKb * 1024, verify });
  const byPath = new Map((info.bodyLimits ?? []).map((b) => [b.path.toLowerCase(), parser(b.limitKb)]));
  const publicParser = parser(config.HTTP_PUBLIC_BODY_LIMIT_KB);
  const defaultParser = parser(config.HTTP_BODY_LIMIT_KB);
  return (req: Request, res: Response, next: NextFunction) => {
    // Express routes paths case-insensitively, so /API/V1/PUBLIC/… reaches a public route too.
    const path = req.path.toLowerCase();
    if (path.startsWith(PUBLIC_PREFIX)) return publicParser(req, res, next);
    const own = byPath.get(path);
    if (!own) return defaultParser(req, res, next);
    deferBody(req, own);
    next();
  };
}

/** Applies what every service shares to a Nest app: logger, validation, error shape, metrics, OpenAPI. */
export function configureApp(app: INestApplication, info: ServiceAppInfo): void {
  app.useLogger(withStartupDetailAtDebug(app.get(Logger)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter(app.get(ROOT_LOGGER)));
  app.enableShutdownHooks();
  applyHttpHygiene(app);
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, info), { jsonDocumentUrl: 'docs-json' });
}

/** Creates and configures a service app without listening (tests use it with supertest). */
export async function createServiceApp(
  module: Type<unknown>,
  info: ServiceAppInfo,
): Promise<NestExpressApplication> {
  const config = loadConfig(PlatformConfig);
  // Our own JSON parser: Nest's turns a malformed body into a bare 400 that loses why it failed.
  const app = await NestFactory.create<NestExpressApplication>(module, new BoundedExpressAdapter(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // First, so that every request, also one refused by the body parser, has its correlation id, metric and log line.
  app.use(requestObserver(app.get(ROOT_LOGGER)));
  app.use(boundedJson(config, info));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const problem = bodyErrorProblem(err);
    if (!problem) return next(err);
    res.status(problem[0]).json(new ErrorFilter().shape(...problem));
  });
  configureApp(app, info);
  // Who the client is for the per-address limits: only a configured proxy may say so (TRUST_PROXY).
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
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
