import express from 'express';
import request from 'supertest';
import { loadConfig, PlatformConfig } from '../config/platform-config';
import { trustProxySetting } from './trust-proxy';

/** An app that answers the client address Express derives, with `trust proxy` from TRUST_PROXY. */
const appTrusting = (trustProxy: string | undefined) => {
  const app = express();
  app.set('trust proxy', trustProxySetting(trustProxy));
  app.get('/ip', (req, res) => void res.json({ ip: req.ip }));
  return app;
};
const ipSeenFor = async (trustProxy: string | undefined) =>
  (await request(appTrusting(trustProxy)).get('/ip').set('X-Forwarded-For', '203.0.113.9').expect(200)).body
    .ip as string;

describe('TRUST_PROXY', () => {
  it('when unset, the client is the socket peer whatever X-Forwarded-For says', async () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(await ipSeenFor(undefined)).toMatch(/127\.0\.0\.1|::1/);
  });

  it('believes X-Forwarded-For from a listed proxy (loopback) and from a hop count', async () => {
    expect(await ipSeenFor('loopback')).toBe('203.0.113.9');
    expect(await ipSeenFor(' 1 ')).toBe('203.0.113.9');
    expect(trustProxySetting('10.0.0.0/8, loopback')).toEqual(['10.0.0.0/8', 'loopback']);
  });

  it('does not believe it from a proxy that is not listed', async () => {
    expect(await ipSeenFor('10.0.0.0/8')).toMatch(/127\.0\.0\.1|::1/);
  });

  it('refuses a value that is neither a hop count nor a list of addresses at start-up', () => {
    const env = { JWT_SECRET: 'x'.repeat(16) };
    expect(() => loadConfig(PlatformConfig, { ...env, TRUST_PROXY: '*; drop' })).toThrow(/TRUST_PROXY/);
    expect(() => appTrusting('not-an-address')).toThrow(/invalid IP address/);
    expect(loadConfig(PlatformConfig, { ...env, TRUST_PROXY: 'loopback,10.0.0.0/8' }).TRUST_PROXY).toBe(
      'loopback,10.0.0.0/8',
    );
  });
});
