// A local mail and SMS catcher for development and tests (issue #18 item 7), like MailHog:
//   - an SMTP server (smtp-server) that accepts every message;
//   - an SMPP 3.4 SMSC (the smpp package's server): binds, takes submit_sm, answers with a message id, sends a
//     delivery receipt (deliver_sm, stat:DELIVRD) and answers query_sm; it can also send a citizen's reply
//     (an MO deliver_sm, e.g. "TU CHOI") to the bound service;
//   - a web page listing what was sent, newest first, and the same as JSON.
//
//   node scripts/catcher/catcher.cjs            # SMTP 1025, SMPP 2775, web 8025
//   const { startCatcher } = require('./scripts/catcher/catcher.cjs')
//
// Nothing leaves this machine: it is a sink, not a relay. Messages live in memory.
'use strict';
const http = require('node:http');
const { SMTPServer } = require('smtp-server');
const smpp = require('smpp');

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=) in a header. */
function decodeHeader(value) {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_m, _charset, enc, text) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Headers and the text body of a single-part message as nodemailer writes a plain-text mail. */
function parseMail(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] || '').toLowerCase();
  const text =
    cte === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : cte === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return {
    subject: decodeHeader(headers.subject || ''),
    messageId: headers['message-id'] || null,
    text: text.replace(/\r\n/g, '\n').replace(/\n$/, ''),
  };
}

const escapeHtml = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

function page(messages) {
  const rows = messages
    .slice()
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.at)}</td><td>${m.channel}</td><td>${escapeHtml(m.to)}</td><td><b>${escapeHtml(m.subject || '')}</b><pre>${escapeHtml(m.text)}</pre></td><td>${m.segments ? m.segments : ''}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>Hộp thư thử nghiệm</title>
<style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}pre{white-space:pre-wrap;margin:.2rem 0}</style></head>
<body><h1>Tin nhắn và thư đã gửi (${messages.length})</h1><p>SMS (SMPP) và thư điện tử (SMTP) mà dịch vụ notify đã gửi; không gì rời khỏi máy này.</p>
<table><thead><tr><th>Lúc</th><th>Kênh</th><th>Đến</th><th>Nội dung</th><th>Số phần SMS</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

/**
 * Starts the three servers; ports 0 pick free ones. Resolves to { smtpPort, smppPort, httpPort, messages,
 * reply(from, text), close() }. `receiptDelayMs` delays each delivery receipt; `receipts: false` sends none
 * (the service must then ask with query_sm). `smppTls: { key, cert }` (PEM) makes the SMSC speak SMPP over TLS,
 * as operators offer it (`smpps://` in the notify service's SMPP_URL).
 */
async function startCatcher({
  smtpPort = 1025,
  smppPort = 2775,
  httpPort = 8025,
  host = '127.0.0.1',
  receiptDelayMs = 200,
  receipts = true,
  smppTls = null,
} = {}) {
  const messages = [];
  const sessions = new Set();
  let nextId = 1;
  const sms = new Map(); // message id -> state
  const options = { receipts };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'));
        const queuedId = `C${String(nextId++).padStart(8, '0')}`;
        for (const rcpt of session.envelope.rcptTo)
          messages.push({
            channel: 'EMAIL',
            id: queuedId,
            to: rcpt.address,
            subject: mail.subject,
            text: mail.text,
            messageId: mail.messageId,
            at: new Date().toISOString(),
          });
        callback(null, `OK queued as ${queuedId}`);
      });
    },
  });

  // A client that drops mid-conversation (a notify process SIGKILLed while sending) resets its connection:
  // without a listener the server re-emits that as an unhandled 'error' and takes the whole process down.
  smtp.on('error', () => {});

  const smsc = smpp.createServer({ debug: false, ...(smppTls ?? {}) }, (session) => {
    session.on('error', () => {});
    const bind = (pdu) => {
      sessions.add(session);
      session.send(pdu.response());
    };
    session.on('bind_transceiver', bind);
    session.on('bind_transmitter', bind);
    session.on('bind_receiver', bind);
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('close', () => sessions.delete(session));
    session.on('submit_sm', (pdu) => {
      const id = `S${String(nextId++).padStart(8, '0')}`;
      const field = pdu.message_payload || pdu.short_message;
      const text = typeof field === 'string' ? field : field && field.message ? String(field.message) : '';
      const septets = text.length;
      const gsm = pdu.data_coding !== 8;
      const segments = gsm
        ? septets <= 160
          ? 1
          : Math.ceil(septets / 153)
        : septets <= 70
          ? 1
          : Math.ceil(septets / 67);
      messages.push({
        channel: 'SMS',
        id,
        to: `+${pdu.destination_addr}`,
        from: pdu.source_addr,
        text,
        segments,
        at: new Date().toISOString(),
      });
      sms.set(id, 2); // DELIVERED once the receipt goes out; query_sm says so from the start
      session.send(pdu.response({ message_id: id }));
      if (options.receipts)
        setTimeout(() => {
          if (!sessions.has(session)) return;
          const date = new Date().toISOString().replace(/\D/g, '').slice(2, 12);
          session.deliver_sm({
            source_addr: pdu.destination_addr,
            destination_addr: pdu.source_addr,
            esm_class: 0x04,
            short_message: `id:${id} sub:001 dlvrd:001 submit date:${date} done date:${date} stat:DELIVRD err:000 text:`,
            receipted_message_id: id,
            message_state: 2,
          });
        }, receiptDelayMs).unref();
    });
    session.on('query_sm', (pdu) => {
      const state = sms.get(pdu.message_id);
      session.send(
        pdu.response(
          state
            ? { message_id: pdu.message_id, final_date: '', message_state: state, error_code: 0 }
            : { command_status: smpp.ESME_RQUERYFAIL },
        ),
      );
    });
    session.on('deliver_sm_resp', () => {});
  });

  const web = http.createServer((req, res) => {
    if (req.url === '/api/messages') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(messages));
    }
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(messages));
    }
    res.writeHead(404).end();
  });

  const listen = (server, port) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server.address().port));
    });
  const boundSmtp = await listen(smtp.server, smtpPort);
  const boundSmpp = await listen(smsc, smppPort);
  const boundHttp = await listen(web, httpPort);

  return {
    smtpPort: boundSmtp,
    smppPort: boundSmpp,
    httpPort: boundHttp,
    messages,
    /** Turns delivery receipts on or off (off: the service must ask with query_sm). */
    setReceipts(on) {
      options.receipts = on;
    },
    /** A citizen's SMS to the service (MO deliver_sm), e.g. reply('84912345678', 'TU CHOI'). */
    reply(from, text) {
      for (const s of sessions)
        s.deliver_sm({ source_addr: from, destination_addr: 'MOTCUA', short_message: text });
      return sessions.size;
    },
    close: () =>
      Promise.all([
        new Promise((r) => smtp.close(r)),
        new Promise((r) => {
          for (const s of sessions) s.close();
          smsc.close(() => r());
        }),
        new Promise((r) => web.close(() => r())),
      ]),
  };
}

module.exports = { startCatcher, parseMail };

if (require.main === module) {
  const num = (name, d) => (process.env[name] ? Number(process.env[name]) : d);
  startCatcher({
    smtpPort: num('CATCHER_SMTP_PORT', 1025),
    smppPort: num('CATCHER_SMPP_PORT', 2775),
    httpPort: num('CATCHER_HTTP_PORT', 8025),
  }).then(
    (c) => {
      console.log(
        `[catcher] SMTP smtp://127.0.0.1:${c.smtpPort}  SMPP smpp://127.0.0.1:${c.smppPort}  web http://127.0.0.1:${c.httpPort}/`,
      );
      const stop = () => c.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e) => {
      console.error(`[catcher] ${e.message}`);
      process.exit(1);
    },
  );
}
