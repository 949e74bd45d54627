import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The layer rules of eslint.config.mjs as behaviour: each case lints a few lines, in memory, as if they were
// written in a file of the given folder, and expects the rule named by `refused` (an import policy of
// eslint-plugin-boundaries, or the no-SQL-in-application/ syntax rule) to refuse them, or nothing to. ESLint's
// Node API loads the ESM config through a dynamic import, which jest's CommonJS sandbox cannot run, so one child
// node process lints every case and prints what the rules reported.

const ROOT = path.resolve(__dirname, '..', '..');

interface LayerCase {
  name: string;
  filePath: string;
  code: string;
  /** false when the import is allowed, else a fragment of the message of the policy that must refuse it. */
  refused: false | string;
}

const cases: LayerCase[] = [
  {
    name: 'domain/ importing application/',
    filePath: 'services/queue/src/domain/fixture.ts',
    code: "import { TicketIssuingService } from '../application/ticket-issuing.service';\nexport const x = TicketIssuingService;\n",
    refused: 'domain code stays pure',
  },
  {
    name: 'domain/ importing persistence/ (type only)',
    filePath: 'services/queue/src/domain/fixture.ts',
    code: "import type { TicketRepository } from '../persistence/ticket.repository';\nexport type X = TicketRepository;\n",
    refused: 'domain code stays pure',
  },
  {
    name: 'domain/ importing @nestjs/common',
    filePath: 'services/queue/src/domain/fixture.ts',
    code: "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
    refused: 'domain code stays pure',
  },
  {
    name: 'domain/ importing typeorm',
    filePath: 'services/queue/src/domain/fixture.ts',
    code: "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n",
    refused: 'domain code stays pure',
  },
  {
    name: 'domain/ importing @fg/platform',
    filePath: 'services/queue/src/domain/fixture.ts',
    code: "import { PlatformModule } from '@fg/platform';\nexport const x = PlatformModule;\n",
    refused: 'domain code stays pure',
  },
  {
    name: 'domain/ importing @fg/kernel and its own domain',
    filePath: 'services/queue/src/domain/fixture.ts',
    code: "import { RuleError } from '@fg/kernel';\nimport { callNext } from './call-next';\nexport const x = [RuleError, callNext];\n",
    refused: false,
  },
  {
    name: 'domain/ importing a value of @fg/contracts',
    filePath: 'services/queue/src/domain/fixture.ts',
    code: "import { TicketIssued } from '@fg/contracts';\nexport const x = TicketIssued;\n",
    refused: 'domain code stays pure',
  },
  {
    name: 'domain/ importing a type of @fg/contracts',
    filePath: 'services/queue/src/domain/fixture.ts',
    code: "import type { UnitLevel } from '@fg/contracts';\nexport type X = UnitLevel;\n",
    refused: false,
  },
  {
    name: 'api/ calling a repository',
    filePath: 'services/queue/src/api/tickets/fixture.ts',
    code: "import { TicketRepository } from '../../persistence/ticket.repository';\nexport const x = TicketRepository;\n",
    refused: 'entry points (api/, events/)',
  },
  {
    name: 'api/ calling application/',
    filePath: 'services/queue/src/api/tickets/fixture.ts',
    code: "import { TicketIssuingService } from '../../application/ticket-issuing.service';\nexport const x = TicketIssuingService;\n",
    refused: false,
  },
  {
    name: 'api/ naming a row type of persistence/ (type only)',
    filePath: 'services/queue/src/api/tickets/fixture.ts',
    code: "import type { TicketRow } from '../../persistence/ticket.row';\nexport type X = TicketRow;\n",
    refused: false,
  },
  {
    name: 'events/ calling a repository',
    filePath: 'services/queue/src/events/fixture.ts',
    code: "import { CounterRepository } from '../persistence/counter.repository';\nexport const x = CounterRepository;\n",
    refused: 'entry points (api/, events/)',
  },
  {
    name: 'persistence/ importing a type of application/',
    filePath: 'services/queue/src/persistence/fixture.ts',
    code: "import type { TicketIssuingService } from '../application/ticket-issuing.service';\nexport type X = TicketIssuingService;\n",
    refused: 'persistence/ does not import',
  },
  {
    name: 'application/ running SQL itself',
    filePath: 'services/queue/src/application/fixture.ts',
    code: "import type { DataSource } from 'typeorm';\nexport const count = (ds: DataSource) => ds.query('SELECT 1');\n",
    refused: 'no SQL in application/',
  },
  {
    name: 'application/ running a transaction',
    filePath: 'services/queue/src/application/fixture.ts',
    code: "import type { DataSource } from 'typeorm';\nexport const run = (ds: DataSource) => ds.transaction(async () => {});\n",
    refused: false,
  },
  {
    name: 'one service importing another',
    filePath: 'services/queue/src/application/fixture.ts',
    code: "import { DossierRepository } from '../../../dossier/src/persistence/dossier.repository';\nexport const x = DossierRepository;\n",
    refused: 'services never import each other',
  },
  {
    name: 'a lib importing a service',
    filePath: 'libs/platform/src/units/fixture.ts',
    code: "import { callNext } from '../../../../services/queue/src/domain/call-next';\nexport const x = callNext;\n",
    refused: 'libs never import services',
  },
  {
    name: 'the kernel importing another lib',
    filePath: 'libs/kernel/src/fixture.ts',
    code: "import type { UnitLevel } from '@fg/contracts';\nexport type X = UnitLevel;\n",
    refused: 'libs/kernel imports nothing but itself',
  },
  {
    name: 'the kernel importing a package',
    filePath: 'libs/kernel/src/fixture.ts',
    code: "import { createHash } from 'node:crypto';\nexport const x = createHash;\n",
    refused: 'libs/kernel imports nothing but itself',
  },
  {
    name: 'app.module.ts wiring a repository',
    filePath: 'services/queue/src/fixture.module.ts',
    code: "import { TicketRepository } from './persistence/ticket.repository';\nexport const x = TicketRepository;\n",
    refused: false,
  },
  {
    name: 'a spec in api/ reaching into persistence/',
    filePath: 'services/queue/src/api/tickets/fixture.unit.spec.ts',
    code: "import { TicketRepository } from '../../persistence/ticket.repository';\nexport const x = TicketRepository;\n",
    refused: false,
  },
];

// Runs in the child: lints each case with only the boundaries rules. The type-checked rules are not under test,
// and the project service would refuse a file that exists only in memory, so type information is off.
const LINT_SCRIPT = `
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
  ruleFilter: ({ ruleId }) => ruleId.startsWith('boundaries/') || ruleId === 'no-restricted-syntax',
});
const out = [];
for (const c of cases) {
  const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
  out.push(result.messages.map((m) => (m.ruleId ?? 'fatal') + ': ' + m.message));
}
process.stdout.write(JSON.stringify(out));
`;

describe('layer rules (eslint.config.mjs)', () => {
  let reports: string[][];

  beforeAll(() => {
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', LINT_SCRIPT, JSON.stringify(cases)],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    if (child.status !== 0) throw new Error(`eslint child failed: ${child.stderr}`);
    reports = JSON.parse(child.stdout) as string[][];
  }, 130_000);

  it.each(cases.map((c, index) => [c.refused ? 'refuses' : 'allows', c.name, c.refused, index] as const))(
    '%s %s',
    (_verb, _name, refused, index) => {
      const messages = reports[index];
      // A parse error or an unresolved import would also fail here rather than pass silently.
      expect(messages.filter((m) => !/^(boundaries\/dependencies|no-restricted-syntax):/.test(m))).toEqual(
        [],
      );
      if (refused === false) expect(messages).toEqual([]);
      else expect(messages).toEqual([expect.stringContaining(refused)]);
    },
  );
});
