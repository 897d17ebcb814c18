// @ts-check
// Benchmark: 100,000 M3 balance records (MMS200MI/GetItmWhsBal shape) -> canonical InventoryLevels ->
// JSON_LISTINGS_FEED documents (4 x 25,000 messages) serialised to JSON text, as uploaded to Amazon.
// Loads compiled code from process.env.M3AMZ_DIST (default <repo>/dist). Prints one line:
//   BENCH inventory-feed skus=100000 peak_rss_mb=<n> ms=<n>
'use strict';
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const dist = process.env.M3AMZ_DIST || path.join(repo, 'dist');
process.env.NODE_PATH = [path.join(repo, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
require('node:module').Module._initPaths();
const inv = require(path.join(dist, 'nodes', 'shared', 'mapping', 'inventory.js'));

const N = 100000;
const records = new Array(N);
for (let i = 0; i < N; i++) {
	records[i] = {
		index: i,
		json: {
			CONO: '100',
			WHLO: '001',
			ITNO: 'ITEM' + String(i).padStart(7, '0'),
			STQT: String(i % 250) + '.000000',
			ALQT: String(i % 7) + '.000000',
			REQT: '1.000000',
			AV01: String((i % 250) - (i % 7)) + '.000000',
			AV02: String(i % 240) + '.000000',
		},
	};
}
const previous = {};
for (let i = 0; i < N; i += 10) previous['ITEM' + String(i).padStart(7, '0')] = -1; // all differ: every SKU is sent

const rssInput = process.memoryUsage().rss / 1048576;
const t0 = process.hrtime.bigint();
const { levels, invalid } = inv.m3BalancesToInventoryLevels(records, { figure: 'AV01', bufferType: 'percent', bufferValue: 5, min: 0, max: 500 });
const { changed } = inv.changedOnly(levels, previous);
const feeds = inv.inventoryLevelsToFeeds(
	changed.map((c) => c.level),
	{ sellerId: 'A2EXAMPLESELLER', productType: 'PRODUCT' },
);
let bytes = 0;
let messages = 0;
for (const f of feeds) {
	const text = JSON.stringify(f);
	bytes += text.length;
	messages += f.messages.length;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (invalid.length || messages !== N) process.stderr.write(`warning: ${invalid.length} invalid, ${messages} messages\n`);
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stderr.write(`inventory-feed: rss with input ${rssInput.toFixed(0)} MB; ${feeds.length} feed documents, ${(bytes / 1048576).toFixed(1)} MB JSON\n`);
process.stdout.write(`BENCH inventory-feed skus=${N} peak_rss_mb=${Math.round(peakMb)} ms=${Math.round(ms)}\n`);
