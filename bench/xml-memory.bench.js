// @ts-check
// Benchmark: peak heap of the ION trigger's body reader (nodes/shared/xml + body.ts) on 10 MB hostile bodies,
// each in a child process whose old space is capped at 64 MB (scripts/lib/xml-memory-probe.js). Prints:
//   BENCH xml-memory body_mb=10 max_nodes=<default> shapes=<n> worst_ratio=<peak/body> worst_shape=<name>
//         refused=<n> unbounded_ratio=<peak/body of 2.6 million <a/> with the node budget off>
// (details per shape on stderr). The bound: peak < 4 x body.
'use strict';
const path = require('node:path');
const { probe, SHAPES } = require('../scripts/lib/xml-memory-probe');

const dist = process.env.M3AMZ_DIST || path.join(__dirname, '..', 'dist');
const { DEFAULT_MAX_NODES } = require(path.join(dist, 'nodes', 'shared', 'xml', 'index.js'));
let worst = { shape: '', ratio: 0 };
let refused = 0;
const names = /** @type {Array<keyof typeof SHAPES>} */ (Object.keys(SHAPES));
for (const shape of names) {
	const r = probe(shape);
	if (r.status !== 0) {
		process.stderr.write(`${shape}: child exited ${r.status}\n${r.stderr}\n`);
		process.exit(1);
	}
	if (/^4\d\d /.test(r.outcome)) refused++;
	process.stderr.write(`${shape}: body ${(r.bodyBytes / 1048576).toFixed(2)} MB, peak heap ${(r.peakBytes / 1048576).toFixed(1)} MB (${r.ratio.toFixed(2)}x), ${r.outcome}\n`);
	if (r.ratio > worst.ratio) worst = { shape, ratio: r.ratio };
}
const unbounded = probe('empty', { capMb: 2048, maxNodes: 1e9 });
process.stderr.write(`empty without node budget: peak heap ${(unbounded.peakBytes / 1048576).toFixed(1)} MB, ${unbounded.outcome}\n`);
process.stdout.write(
	`BENCH xml-memory body_mb=10 max_nodes=${DEFAULT_MAX_NODES} shapes=${names.length} worst_ratio=${worst.ratio.toFixed(2)} ` +
		`worst_shape=${worst.shape} refused=${refused} unbounded_ratio=${unbounded.ratio.toFixed(1)}\n`,
);
