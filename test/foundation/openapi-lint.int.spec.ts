import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { setupTestEnv, TestEnv } from '@fg/platform/testing';
import request from 'supertest';
import { ServiceName, startService } from '../support/apps';

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

const REDOCLY_CLI = require.resolve('@redocly/cli/bin/cli.js');
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Lints an OpenAPI document with Redocly CLI's `recommended` ruleset (the CLI bundles its own openapi-core,
 * so there is no Node API to call). Telemetry and the update check are off: the test talks to no one.
 */
async function redoclyLint(doc: object): Promise<LintProblem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'fg-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc));
    const args = [
      REDOCLY_CLI,
      'lint',
      file,
      '--extends=recommended',
      '--format=json',
      '--max-problems=10000',
    ];
    const options = {
      cwd: dir, // no redocly.yaml there: the recommended ruleset alone decides
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    };
    // The CLI exits 1 when it reports an error; its JSON report is on stdout either way.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, options).catch(
      (e: Error & { stdout?: string; stderr?: string }) => ({
        stdout: e.stdout ?? '',
        stderr: e.stderr || e.message,
      }),
    );
    if (!stdout.trim().startsWith('{')) throw new Error(`Redocly CLI gave no JSON report:\n${stderr}`);
    return (JSON.parse(stdout) as { problems: LintProblem[] }).problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SERVICES: ServiceName[] = ['queue', 'dossier', 'survey', 'rating', 'notify'];

/** The statistics endpoints that also answer CSV and XLSX (issue #20 item 2, @Exportable). */
const EXPORTED: Record<ServiceName, string[]> = {
  queue: [
    '/api/v1/units/{unitCode}/queue-stats',
    '/api/v1/units/{unitCode}/appointments/stats',
    '/api/v1/units/{unitCode}/appointments/forecast',
  ],
  dossier: ['/api/v1/stats/timeliness'],
  survey: ['/api/v1/stats/satisfaction', '/api/v1/units/{unitCode}/comments'],
  rating: [
    '/api/v1/units/{code}/scorecard',
    '/api/v1/units/{code}/ranking',
    '/api/v1/units/{code}/certification-progress',
    '/api/v1/officers/{officerId}/rating',
    '/api/v1/units/{code}/officers/ranking',
    '/api/v1/units/{code}/assessments/{year}',
  ],
  notify: ['/api/v1/units/{unitCode}/messages/cost'],
};

describe.each(SERVICES)('the OpenAPI document the %s service serves at /docs-json', (name) => {
  let env: TestEnv;
  let app: INestApplication;
  let doc: {
    paths: Record<
      string,
      Record<
        string,
        {
          security?: unknown[];
          parameters?: { name: string }[];
          responses?: Record<string, { content?: Record<string, unknown> }>;
        }
      >
    >;
  };
  beforeAll(async () => {
    env = await setupTestEnv(`openapi_${name}`);
    // Notify seals contacts at rest with its own key; the document does not depend on it.
    if (name === 'notify') process.env.NOTIFY_CONTACT_KEY ??= randomBytes(32).toString('base64url');
    app = await startService(name);
    doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it("passes Redocly's recommended ruleset without errors", async () => {
    const problems = await redoclyLint(doc);
    const warnings = problems.filter((p) => p.severity === 'warn');
    if (warnings.length) {
      const byRule = new Map<string, number>();
      for (const w of warnings) byRule.set(w.ruleId, (byRule.get(w.ruleId) ?? 0) + 1);
      const counts = [...byRule].map(([rule, n]) => `${rule} ${n}`).join(', ');
      console.warn(`${name} OpenAPI: ${warnings.length} Redocly warnings (${counts})`);
    }
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
  });

  it('states the security of every operation: none for public routes, the bearer JWT for the rest', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => ({ at: `${m} ${path}`, security: item[m].security })),
    );
    expect(operations.filter((o) => !Array.isArray(o.security))).toEqual([]);
    expect(operations.find((o) => o.at === 'get /health')?.security).toEqual([]);
    expect(operations.filter((o) => o.security?.length).length).toBeGreaterThan(0);
    for (const o of operations.filter((o) => o.security?.length))
      expect({ at: o.at, security: o.security }).toEqual({ at: o.at, security: [{ bearer: [] }] });
  });

  it('lists CSV and XLSX beside JSON, the format parameter and the 406 for every statistics endpoint', () => {
    for (const path of EXPORTED[name]) {
      const get = doc.paths[path]?.get;
      expect({ path, types: Object.keys(get?.responses?.['200']?.content ?? {}) }).toEqual({
        path,
        types: [
          'application/json',
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ],
      });
      expect(get?.parameters?.map((p) => p.name)).toContain('format');
      expect(Object.keys(get?.responses ?? {})).toContain('406');
    }
  });
});
