import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * A self-signed certificate for localhost and 127.0.0.1, valid one day, made by openssl into `dir`: for a test's
 * TLS peer (a partner's HTTPS receiver, an SMSC over TLS) that the service under test trusts through a CA file.
 */
export function selfSignedCert(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}
