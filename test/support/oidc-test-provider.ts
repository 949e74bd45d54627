import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, JsonWebKey } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';

/** A private RSA signing key as a JWK with its kid, for the provider's keystore and for specs that forge tokens. */
export function rsaSigningKey(kid: string): JsonWebKey & { kid: string } {
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

export interface OidcTestClient {
  id: string;
  secret: string;
  roles: string[];
  units: string[];
}

/**
 * test/support/oidc-provider.mjs (panva's oidc-provider) as a child process on 127.0.0.1. `restart` gives it
 * another keystore on the same issuer URL, as an identity provider's key rotation does.
 */
export class OidcTestProvider {
  static readonly AUDIENCE = 'fg-services';
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly clients: OidcTestClient[],
  ) {}

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(keys: object[], clients: OidcTestClient[]): Promise<OidcTestProvider> {
    const p = new OidcTestProvider(await freePort(), clients);
    await p.run(keys);
    return p;
  }

  async restart(keys: object[]): Promise<void> {
    await this.stop();
    await this.run(keys);
  }

  /** An access token of the client_credentials grant (a JWT for the services' audience). */
  async token(clientId: string): Promise<string> {
    const c = this.clients.find((x) => x.id === clientId)!;
    const res = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${c.id}:${c.secret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials&scope=api',
    });
    const body = (await res.json()) as { access_token?: string };
    if (!res.ok || !body.access_token)
      throw new Error(`token endpoint: ${res.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  private run(keys: object[]): Promise<void> {
    const child = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
      env: {
        ...process.env,
        OIDC_TEST_CONFIG: JSON.stringify({ port: this.port, jwks: { keys }, clients: this.clients }),
      },
      // its stderr (start-up warnings: in-memory adapter, Node 20) is kept for the error of an unexpected exit
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    return new Promise((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      child.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}: ${stderr}`)));
      child.stdout.on('data', (d: Buffer) => {
        if (String(d).includes('ready')) resolve();
      });
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
