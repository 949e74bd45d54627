import type { LoggerService } from '@nestjs/common';
import { withStartupDetailAtDebug } from './nest-logger';

function recorder() {
  const calls: [string, ...unknown[]][] = [];
  const base: LoggerService = {
    log: (...a: unknown[]) => void calls.push(['log', ...a]),
    error: (...a: unknown[]) => void calls.push(['error', ...a]),
    warn: (...a: unknown[]) => void calls.push(['warn', ...a]),
    debug: (...a: unknown[]) => void calls.push(['debug', ...a]),
    verbose: (...a: unknown[]) => void calls.push(['verbose', ...a]),
    fatal: (...a: unknown[]) => void calls.push(['fatal', ...a]),
  };
  return { calls, logger: withStartupDetailAtDebug(base) };
}

describe('withStartupDetailAtDebug', () => {
  it("writes Nest's module, controller and route lines at debug", () => {
    const { calls, logger } = recorder();
    logger.log('Mapped {/health, GET} route', 'RouterExplorer');
    logger.log('HealthController {/health}:', 'RoutesResolver');
    logger.log('TypeOrmModule dependencies initialized', 'InstanceLoader');
    expect(calls).toEqual([
      ['debug', 'Mapped {/health, GET} route', 'RouterExplorer'],
      ['debug', 'HealthController {/health}:', 'RoutesResolver'],
      ['debug', 'TypeOrmModule dependencies initialized', 'InstanceLoader'],
    ]);
  });

  it('passes every other line through at its own level', () => {
    const { calls, logger } = recorder();
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('no context');
    logger.log({ routes: 1 }, 'extra', 'RouterExplorerLike');
    logger.warn('careful', 'RouterExplorer');
    logger.error('failed', 'stack', 'ExceptionsHandler');
    logger.debug?.('detail', 'X');
    logger.verbose?.('more', 'X');
    logger.fatal?.('dead', 'X');
    expect(calls).toEqual([
      ['log', 'Nest application successfully started', 'NestApplication'],
      ['log', 'no context'],
      ['log', { routes: 1 }, 'extra', 'RouterExplorerLike'],
      ['warn', 'careful', 'RouterExplorer'],
      ['error', 'failed', 'stack', 'ExceptionsHandler'],
      ['debug', 'detail', 'X'],
      ['verbose', 'more', 'X'],
      ['fatal', 'dead', 'X'],
    ]);
  });
});
