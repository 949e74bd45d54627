#!/usr/bin/env node
// A new key epoch of the notify service (issue #18; docs/platform.md, "Sealed contacts and crypto-shredding"):
//   node scripts/notify-seal-key.mjs notify-20270101
// prints the producers' NOTIFY_SEAL_PUBLIC_KEY and the entry to put first in notify's NOTIFY_SEAL_KEYS. Rotate by
// adding the entry to notify, then switching the producers; remove the old entry (and every copy of it) once the
// last box sealed to it is past the topics' retention and the consumers' lag.
import { newNotifySealKey } from './dev-secret.mjs';

const keyId = process.argv[2] ?? `notify-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
const key = newNotifySealKey(keyId);
console.log(`NOTIFY_SEAL_PUBLIC_KEY=${key.publicKey}`);
console.log(`# prepend to notify's NOTIFY_SEAL_KEYS (comma-separated, newest first); keep it secret:`);
console.log(`NOTIFY_SEAL_KEYS=${key.keyring}`);
