// node bench/lib/profile-incl.js <file.cpuprofile> [n] [filter]: inclusive time per function (each sample counted once per function on its stack).
const fs = require('fs');
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const n = Number(process.argv[3] ?? 40);
const filter = process.argv[4] ? new RegExp(process.argv[4]) : null;
const nodes = new Map(p.nodes.map((x) => [x.id, x]));
const parent = new Map();
for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const name = (f) =>
  `${f.functionName || '(anon)'} ${f.url.replace(/.*node_modules\//, '~/').replace(/.*\/work\/main\//, '')}:${f.lineNumber + 1}`;
const incl = new Map();
let total = 0;
p.samples.forEach((s, i) => {
  const dt = p.timeDeltas[i] ?? 0;
  total += dt;
  const seen = new Set();
  for (let id = s; id !== undefined; id = parent.get(id)) {
    const k = name(nodes.get(id).callFrame);
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + dt);
  }
});
console.log(`total ${(total / 1e6).toFixed(1)} s sampled`);
for (const [k, t] of [...incl]
  .filter(([k]) => !filter || filter.test(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, n))
  console.log(`${((100 * t) / total).toFixed(1).padStart(5)}% ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
