/* Report: bench/reports/chaos-latest.json (every figure) and chaos-latest.md (the summary), also on stdout. */
import fs from 'node:fs';
import path from 'node:path';
import { fmt, kafkaVersion, machineInfo, REPORTS } from '../../lib/common';
import { ChaosRun, COMMUNES, PREFIX } from '../context';
import type { Traffic } from './drive';
import type { FaultLog } from './inject-faults';
import type { Quiet } from './settle';
import type { Verdict } from './verify';

export interface Phases {
  traffic: Traffic;
  trafficSeconds: number;
  faults: FaultLog;
  quiet: Quiet;
  verdict: Verdict;
}

export function report(run: ChaosRun, phases: Phases): void {
  const json = reportJson(run, phases);
  const md = reportMarkdown(run, phases, json);
  fs.mkdirSync(REPORTS, { recursive: true });
  fs.writeFileSync(path.join(REPORTS, 'chaos-latest.json'), JSON.stringify(json, null, 2) + '\n');
  fs.writeFileSync(path.join(REPORTS, 'chaos-latest.md'), md);
  process.stdout.write(md);
}

const restartRange = (seconds: number[]) => {
  const sorted = [...seconds].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0],
    median: sorted[Math.floor(sorted.length / 2)],
    max: sorted[sorted.length - 1],
  };
};

function reportJson(run: ChaosRun, { traffic, trafficSeconds, faults, quiet, verdict }: Phases) {
  const { options } = run;
  const { truth } = traffic;
  const dossiers = [...truth.dossiers.values()];
  const tickets = [...truth.tickets.values()];
  return {
    startedAt: run.startedAt,
    command: run.command,
    quick: options.quick,
    targetEvents: options.targetEvents,
    maxSeconds: options.maxSeconds,
    finishedAt: new Date().toISOString(),
    seconds: {
      total: (Date.now() - run.started) / 1000,
      traffic: trafficSeconds,
      settle: quiet.seconds,
      fuzz: verdict.fuzz.seconds,
    },
    machine: machineInfo(kafkaVersion()),
    ok: verdict.ok,
    requests: truth.requests,
    rejectedByStatus: truth.rejectedByStatus,
    accepted: {
      dossiers: truth.dossiers.size,
      finished: dossiers.filter((d) => d.view.status === 'RESOLVED' || d.view.status === 'RESULT_RETURNED')
        .length,
      resultsReturned: dossiers.filter((d) => d.view.status === 'RESULT_RETURNED').length,
      tickets: truth.tickets.size,
      ticketsServed: tickets.filter((t) => t.status === 'DONE').length,
      noShows: tickets.filter((t) => t.status === 'NO_SHOW').length,
      responses: truth.responses.length,
      tabletRatings: truth.responses.filter((r) => r.channel === 'TABLET').length,
    },
    eventsProduced: verdict.producedByTopic,
    instances: options.instances,
    kills: faults.kills,
    instanceKills: faults.instanceKills,
    allInstancesKills: faults.allInstancesKills,
    board: verdict.board,
    restarts: faults.restarts,
    evict: options.evict,
    restartSeconds: restartRange(faults.restartSeconds),
    serviceExitsOnTheirOwn: run.services.exitsOnTheirOwn,
    timeline: [...faults.timeline].sort((x, y) => x.at - y.at),
    settled: { groups: quiet.groups, lag: quiet.lag, settled: quiet.settled },
    settlement: verdict.settlement,
    figures: {
      compared: Object.keys(verdict.expected).length,
      scorecardMetrics: verdict.scorecardMetrics,
      mismatches: verdict.mismatches.slice(0, 50),
    },
    invitations: verdict.invitations,
    lost: verdict.lost,
    doubled: verdict.doubled,
    malformed: verdict.deadLetters,
    fuzz: verdict.fuzz,
    notify: verdict.notify,
    notes: run.notes,
  };
}

/** Notify at its real SMTP and SMPP peers (issue #18 item 6): each sent message received once. */
function notifyRow({ notify: n }: Verdict): string {
  const dups = n.duplicates.length
    ? n.duplicates
        .map(
          (d) =>
            `${d.kind} ${d.channel} ×${d.times} (send window ${d.windowSeconds?.toFixed(3) ?? '?'} s; notify killed at ${d.killAt?.toFixed(1) ?? '?'} s${d.explained ? '' : ', NOT explained by a kill'})`,
        )
        .join('; ')
    : 'none';
  return `| notify (killed like the others): messages sent per kind / received by SMTP and SMPP peers / lost / unknown / stuck / **duplicates** (a kill inside the send window) | ${list(n.sent)} / e-mail ${n.received.email}, SMS ${n.received.sms} / **${n.lost}** / ${n.unknown} / ${n.stuck} / **${dups}**; send windows (claimed → marked sent) p50 ${fmt(n.sendWindowMs.p50)} ms, p99 ${fmt(n.sendWindowMs.p99)} ms, max ${fmt(n.sendWindowMs.max)} ms over ${n.sendWindowMs.n}; skipped ${list(n.skipped) || '0'}; held for quiet hours ${n.held}; failed ${list(n.failed) || '0'}; RESULT_READY e-mails expected from the traffic ${n.resultReadyExpected}, missing ${n.resultReadyMissing}; settled in ${fmt(n.settleSeconds)} s${n.settled ? '' : ' (NOT settled)'} |`;
}

const list = (counts: Record<string, number>, name = (k: string) => k) =>
  Object.entries(counts)
    .map(([k, v]) => `${name(k)} ${v}`)
    .join(', ');

function reportMarkdown(
  run: ChaosRun,
  { trafficSeconds, quiet, verdict }: Phases,
  json: ReturnType<typeof reportJson>,
): string {
  const { options, postgresServer } = run;
  const { settlement, expected, actual, mismatches, invitations, deadLetters: dlq, fuzz } = verdict;
  const a = json.accepted;
  const requests = json.requests;
  const restarts = json.restartSeconds;
  const totalProduced = Object.values(verdict.producedByTopic).reduce((x, y) => x + y, 0);
  const figure = (u: string, k: string) =>
    `${expected[`${u}.${k}`]}${actual[`${u}.${k}`] !== expected[`${u}.${k}`] ? ` (≠ ${actual[`${u}.${k}`]})` : ''}`;
  return [
    `# Chaos report`,
    '',
    `- ${json.startedAt}, \`${json.command}\`: ${fmt(json.seconds.total)} s in all (traffic ${fmt(trafficSeconds)} s, settling ${fmt(quiet.seconds)} s, fuzz ${fmt(fuzz.seconds)} s); ${options.workers} client loops; private broker ${run.kafkaServer.brokers}${postgresServer ? `, private PostgreSQL :${postgresServer.port}` : ''}`,
    `- result: **${verdict.ok ? 'PASS' : 'FAIL'}**`,
    '',
    '| figure | value |',
    '|---|---|',
    `| events produced (all topics) | ${fmt(totalProduced)} (${Object.entries(verdict.producedByTopic)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ')}) |`,
    `| requests accepted / rejected / in doubt (no answer: killed mid-request) | ${fmt(requests.ok)} / ${fmt(requests.rejected)} / ${fmt(requests.inDoubt)} (intakes retried with their externalId: ${fmt(requests.retriedIntakes)}) |`,
    `| accepted: dossiers (finished, results returned), tickets (served, no-shows), survey responses (tablet ratings) | ${fmt(a.dossiers)} (${fmt(a.finished)}, ${fmt(a.resultsReturned)}), ${fmt(a.tickets)} (${fmt(a.ticketsServed)}, ${fmt(a.noShows)}), ${fmt(a.responses)} (${fmt(a.tabletRatings)}) |`,
    `| in doubt settled by the owner | ${list(settlement.inDoubt)} |`,
    `| instances per service (one database, the same consumer groups; requests spread over the instances up) | ${options.instances} |`,
    `| SIGKILLs (each followed by a restart) | ${list(json.kills)}${options.instances > 1 ? ` (per instance: ${list(json.instanceKills)}; all instances of the service at once: ${list(json.allInstancesKills)})` : ''}; restart after kill ${restarts.n ? `${restarts.min.toFixed(1)}–${restarts.max.toFixed(1)} s (median ${restarts.median.toFixed(1)} s)` : '-'}${options.evict ? ', dead group members evicted' : ', no eviction (30 s session timeout)'} |`,
    `| restarts | Kafka ${json.restarts.kafka}, PostgreSQL ${json.restarts.postgres}${postgresServer ? '' : ' (skipped: no private cluster possible)'} |`,
    `| services that exited on their own (restarted by the harness) | ${list(json.serviceExitsOnTheirOwn)} |`,
    `| settled (outboxes empty, ${quiet.groups} consumer groups at lag 0) | ${quiet.settled} (lag ${quiet.lag}) |`,
    `| owners vs accepted: missing / extra | ${JSON.stringify(settlement.missing)} / ${JSON.stringify(settlement.extra)} |`,
    `| dashboard figures compared with the ground truth / mismatches | ${json.figures.compared} / **${mismatches.length}** (timeliness stats, queue stats, satisfaction, invitations, rating metrics, scorecard ${verdict.scorecardMetrics.join('+') || 'none'}, officer star distributions) |`,
    `| invitations by id: missing / extra / duplicates | ${invitations.missing} / ${invitations.extra} / ${invitations.duplicates} |`,
    `| **lost** (missing in owners + figures short + invitations missing) | **${verdict.lost}** |`,
    `| **doubled** (extra in owners + figures over + invitations extra or twice) | **${verdict.doubled}** |`,
    `| malformed injected / in .dlq / group copies missing / without x-error / wrong origin headers | ${dlq.injected} / ${dlq.injected - dlq.missingFromDlq} / ${dlq.missingGroupCopies} / ${dlq.withoutReason} / ${dlq.wrongOrigin} (${dlq.redeliveredCopies} copies dead-lettered twice by the same group after a kill; copies by group: ${list(dlq.dlqCopiesByGroup, (group) => group.slice(PREFIX.length))}) |`,
    notifyRow(verdict),
    `| board stream: a ticket issued through one queue instance reaches a board connected to the other | ${verdict.board.map((b) => `#${b.from}→#${b.to} ${b.ok ? `${fmt(b.ms ?? 0)} ms` : `**FAILED**: ${b.error}`}`).join('; ') || 'none'} |`,
    `| fuzz cases / operations / answers ≥ 500 or none / rejected that wrote | ${fmt(fuzz.cases)} of ${fmt(options.fuzzCases)} / ${fuzz.operations} / **${fuzz.serverErrors}** / **${fuzz.writesByRejected}** (statuses ${Object.entries(
      fuzz.byStatus,
    )
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(
        ', ',
      )}; accepted that wrote ${fuzz.acceptedWrites}; rejected inside a transaction that rolled back ${fuzz.rolledBack}; refused look-up guesses counted by the rate limit ${fuzz.countedRefusals}; other services' background writes during a rejected case ${fuzz.othersBackground}; seed ${fuzz.seed}) |`,
    '',
    '| commune | received | finished | early / on time / late / late without apology | tickets / served / no-shows | responses | TABLET / SIPAS invitations |',
    '|---|---|---|---|---|---|---|',
    ...COMMUNES.map((u) => {
      const e = (k: string) => figure(u, k);
      return `| ${u} | ${e('dossier.received')} | ${e('dossier.finished')} | ${e('dossier.early')} / ${e('dossier.onTime')} / ${e('dossier.late')} / ${e('dossier.lateWithoutApology')} | ${e('queue.tickets')} / ${e('queue.served')} / ${e('queue.noShows')} | ${e('survey.responses')} | ${e('invitations.TABLET')} / ${e('invitations.SIPAS')} |`;
    }),
    '',
    '(expected from the accepted requests; "≠ x" where a service shows x instead)',
    '',
    `Timeline: ${json.timeline
      .map(
        (t) =>
          `${t.at.toFixed(1)}s ${t.what}${t.failed ? ` FAILED: ${t.failed}` : ` (${t.seconds?.toFixed(1)} s)`}`,
      )
      .join('; ')}`,
    '',
    ...(mismatches.length
      ? [
          'Mismatches:',
          ...mismatches
            .slice(0, 30)
            .map((m) => `- ${m.figure}: expected ${m.expected}, service shows ${m.actual}`),
          '',
        ]
      : []),
    ...run.notes.map((n) => `- ${n}`),
    ...(fuzz.examples.length ? ['', 'Fuzz findings:', ...fuzz.examples.map((e: string) => `- ${e}`)] : []),
    '',
  ].join('\n');
}
