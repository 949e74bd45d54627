import { Controller, Get, type INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Public, PUBLIC_OPERATION_MARK } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { buildOpenApiDocument } from './openapi-document';

@Controller('things')
class ThingsController {
  @Public()
  @Get('open')
  open() {}

  // Neither @Public() nor @Roles(): the guard still demands a token, so the document must say so.
  @Get('plain')
  plain() {}

  @Roles('admin')
  @Post()
  create() {}
}

@Public()
@Controller('board')
class BoardController {
  @Get()
  get() {}

  @Get('stream')
  stream() {}
}

@Module({ controllers: [ThingsController, BoardController] })
class DocumentedModule {}

describe('the OpenAPI document of a service', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    app = await NestFactory.create(DocumentedModule, { logger: false });
    doc = buildOpenApiDocument(app, { title: 'Things', description: 'Things for the test' });
  });
  afterAll(() => app.close());

  it('gives a route marked @Public() no security requirement, on a method or on its controller', () => {
    expect(doc.paths['/things/open'].get?.security).toEqual([]);
    expect(doc.paths['/board'].get?.security).toEqual([]);
    expect(doc.paths['/board/stream'].get?.security).toEqual([]);
  });

  it('requires the bearer JWT on every other route, with or without @Roles()', () => {
    expect(doc.paths['/things/plain'].get?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/things'].post?.security).toEqual([{ bearer: [] }]);
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('leaves no public marker in the served document', () => {
    expect(JSON.stringify(doc)).not.toContain(PUBLIC_OPERATION_MARK);
  });

  it('names the relative server `/`, valid behind any host', () => {
    expect(doc.servers).toEqual([{ url: '/' }]);
  });
});
