// @ts-check
/**
 * Peak heap of the ION trigger's body reader on hostile bodies, measured in a child process with a capped heap.
 *
 * `probe(shape, opts)` starts `node --max-old-space-size=<cap> --expose-gc <this file> <shape>`; the child builds
 * the body (as a Buffer, like n8n's rawBody), collects garbage, then reads it with `readIonBody` from dist/ while
 * v8.GCProfiler records the used heap before every GC. Peak = max(used before each GC, used right after) minus the
 * used heap before reading. Without a budget the child would die at the cap (2.5 million `<a/>` need ~280 MB).
 * Used by test/xml/memory.test.ts (asserts) and bench/xml-memory.bench.js (prints the figures).
 */
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const MB = 1024 * 1024;

/** Hostile bodies of `size` bytes (10 MB by default: the trigger's default body limit). */
const SHAPES = {
	/** ~2.6 million empty elements */
	empty: () => fill('<a/>'),
	/** the same after one non-Latin-1 character: the decoded text is UTF-16 (2 bytes per character) */
	emptyWide: () => fill('<a/>', '<r>€'),
	/** elements of 100 attributes each */
	attributes: () => fill('<a ' + Array.from({ length: 100 }, (_, i) => `b${i}=""`).join(' ') + '/>'),
	/** one text run split by a million comments */
	textRuns: () => fill('x<!---->'),
	/** short leaf elements with text (element + text node each), UTF-16 text */
	leavesWide: () => fill('<ID>SKU-RED-1</ID>', '<r>€'),
	/** distinct element names (nothing shared) */
	distinctNames: () => {
		const parts = ['<r>'];
		let len = 3;
		for (let i = 0; len < size() - 16; i++) {
			const u = `<n${i.toString(36)}/>`;
			parts.push(u);
			len += u.length;
		}
		parts.push('</r>');
		return Buffer.from(parts.join(''));
	},
	/** "XML from BOD" whose texts are made of character references, each at the text length limit (accepted) */
	references: () => fill('<Note>' + '&amp;'.repeat(200000) + '</Note>', '<Shipment>', '</Shipment>'),
	/** a BOD whose ShipmentItem repeats until 10 MB (real shape, over the node budget) */
	bodShipment: () => {
		const item =
			'<ShipmentItem><ItemID><ID accountingEntity="100_AAA">SKU-RED-1</ID></ItemID><ShippedQuantity unitCode="EA">2</ShippedQuantity>' +
			'<SalesOrderReference><DocumentID><ID>0000012345</ID></DocumentID><LineNumber>1</LineNumber></SalesOrderReference></ShipmentItem>';
		const head =
			'<SyncShipment xmlns="http://schema.infor.com/InforOAGIS/2"><ApplicationArea><BODID>x</BODID></ApplicationArea><DataArea><Sync/><Shipment>';
		return fill(item, head, '</Shipment></DataArea></SyncShipment>');
	},
	/** JSON "JSON from BOD" whose array holds millions of zeros */
	jsonValues: () => fill('0,', '{"Shipment":{"x":[', '0]}}'),
	/** JSON of millions of empty objects */
	jsonObjects: () => fill('{},', '{"Shipment":{"x":[', '{}]}}'),
};

function size() {
	return Number(process.env.PROBE_BYTES || 10 * MB);
}

/** @param {string} unit @param {string} [open] @param {string} [close] */
function fill(unit, open = '<r>', close = '</r>') {
	const budget = size() - Buffer.byteLength(open) - Buffer.byteLength(close);
	return Buffer.from(open + unit.repeat(Math.floor(budget / Buffer.byteLength(unit))) + close);
}

/**
 * @param {keyof typeof SHAPES} shape
 * @param {{ capMb?: number, bytes?: number, dist?: string, maxNodes?: number }} [opts]
 * @returns {{ shape: string, status: number | null, bodyBytes: number, peakBytes: number, ratio: number, outcome: string, stderr: string }}
 */
function probe(shape, opts = {}) {
	const capMb = opts.capMb ?? 64;
	const r = spawnSync(process.execPath, [`--max-old-space-size=${capMb}`, '--expose-gc', __filename, String(shape)], {
		encoding: 'utf8',
		env: {
			...process.env,
			PROBE_BYTES: String(opts.bytes ?? 10 * MB),
			PROBE_MAX_NODES: opts.maxNodes === undefined ? '' : String(opts.maxNodes),
			M3AMZ_DIST: opts.dist ?? process.env.M3AMZ_DIST ?? path.resolve(__dirname, '..', '..', 'dist'),
		},
		maxBuffer: 1024 * 1024,
	});
	const line = (r.stdout || '').split('\n').find((l) => l.startsWith('{')) ?? '{}';
	const out = JSON.parse(line);
	return {
		shape: String(shape),
		status: r.status,
		bodyBytes: out.bodyBytes ?? 0,
		peakBytes: out.peakBytes ?? Infinity,
		ratio: out.bodyBytes ? out.peakBytes / out.bodyBytes : Infinity,
		outcome: out.outcome ?? 'crashed',
		stderr: (r.stderr || '').slice(-2000),
	};
}

function child() {
	const v8 = require('node:v8');
	const gc = /** @type {() => void} */ (/** @type {any} */ (globalThis).gc);
	const shape = /** @type {keyof typeof SHAPES} */ (process.argv[2]);
	const dist = /** @type {string} */ (process.env.M3AMZ_DIST);
	const { readIonBody } = require(path.join(dist, 'nodes', 'InforIonTrigger', 'body.js'));
	const { DEFAULT_MAX_NODES, DEFAULT_MAX_TEXT_LENGTH } = require(path.join(dist, 'nodes', 'shared', 'xml', 'index.js'));
	const body = SHAPES[shape]();
	gc();
	gc();
	const base = v8.getHeapStatistics().used_heap_size;
	const profiler = new v8.GCProfiler();
	profiler.start();
	let outcome;
	try {
		const r = readIonBody(body, {
			format: 'auto',
			limits: {
				maxBytes: 10 * MB,
				maxDepth: 256,
				maxNodes: Number(process.env.PROBE_MAX_NODES || DEFAULT_MAX_NODES),
				maxTextLength: DEFAULT_MAX_TEXT_LENGTH,
			},
		});
		outcome = 'accepted ' + r.format;
	} catch (e) {
		outcome = `${/** @type {any} */ (e).status} ${/** @type {any} */ (e).code}`;
	}
	let peak = v8.getHeapStatistics().used_heap_size;
	for (const s of profiler.stop().statistics) peak = Math.max(peak, s.beforeGC.heapStatistics.usedHeapSize);
	process.stdout.write(JSON.stringify({ bodyBytes: body.length, peakBytes: peak - base, outcome }) + '\n');
}

if (require.main === module) child();

module.exports = { probe, SHAPES };
