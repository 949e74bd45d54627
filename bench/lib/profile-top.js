// node bench/lib/profile-top.js <file.cpuprofile> [n]: self time per function, top n.
const fs = require('fs');
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const n = Number(process.argv[3] ?? 25);
const nodes = new Map(p.nodes.map((x) => [x.id, x]));
const self = new Map();
let total = 0;
p.samples.forEach((s, i) => {
  const dt = p.timeDeltas[i] ?? 0;
  total += dt;
  const f = nodes.get(s).callFrame;
  const k = `${f.functionName || '(anon)'} ${f.url.replace(/.*node_modules\//, '~/').replace(/.*\/work\/main\//, '')}:${f.lineNumber + 1}`;
  self.set(k, (self.get(k) ?? 0) + dt);
});
console.log(`total ${(total / 1e6).toFixed(1)} s sampled`);
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n))
  console.log(`${((100 * t) / total).toFixed(1).padStart(5)}% ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
