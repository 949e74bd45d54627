/**
 * Express's `trust proxy` from TRUST_PROXY (see PlatformConfig): unset is `false`, so `req.ip` is the socket's
 * peer and no header a client sends moves it between the per-address limits; a number is the hop count; else
 * the list of proxy addresses/CIDRs. Express compiles the list when it is set, so a bad address fails start-up.
 */
export function trustProxySetting(value: string | undefined): false | number | string[] {
  const v = value?.trim();
  if (!v) return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim());
}
