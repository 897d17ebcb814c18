// @ts-check
// Benchmark: Amazon order (Orders 2026-01-01) -> canonical Order -> M3 batch order plan, 10,000 generated orders.
// Loads compiled code from process.env.M3AMZ_DIST (default <repo>/dist). Prints one line:
//   BENCH transform-orders orders=10000 per_s=<n>
'use strict';
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const dist = process.env.M3AMZ_DIST || path.join(repo, 'dist');
// a dist compiled outside the repo still resolves zod from the repo's node_modules
process.env.NODE_PATH = [path.join(repo, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
require('node:module').Module._initPaths();
const { amazonOrderToCanonical } = require(path.join(dist, 'nodes', 'shared', 'mapping', 'amazonOrder.js'));
const { canonicalOrderToM3Plan } = require(path.join(dist, 'nodes', 'shared', 'mapping', 'm3Order.js'));

const N = 10000;
const MARKETS = ['ATVPDKIKX0DER', 'A1PA6795UKMFR9', 'A1F83G8C2ARO7P'];
const COUNTRY = { ATVPDKIKX0DER: ['US', 'USD', 'WA', '98101'], A1PA6795UKMFR9: ['DE', 'EUR', 'BY', '80331'], A1F83G8C2ARO7P: ['GB', 'GBP', '', 'SW1A1AA'] };

function money(a, c) {
	return { amount: a, currencyCode: c };
}
function cents(n) {
	return (n / 100).toFixed(2);
}

function genOrder(i) {
	const mk = MARKETS[i % 3];
	const [cc, cur, st, pc] = COUNTRY[mk];
	const items = [];
	const nItems = 1 + (i % 3);
	for (let k = 0; k < nItems; k++) {
		const q = 1 + ((i + k) % 4);
		const unit = 999 + ((i * 7 + k * 13) % 5000);
		const bds = [{ type: 'ITEM', subtotal: money(cents(unit * q), cur) }];
		if (k === 0) bds.push({ type: 'SHIPPING', subtotal: money('4.99', cur) });
		if (i % 5 === 0) bds.push({ type: 'DISCOUNT', subtotal: money('-1.00', cur) });
		if (i % 7 === 0) bds.push({ type: 'GIFT_WRAP', subtotal: money('2.50', cur) });
		bds.push({ type: 'TAX', subtotal: money(cents(Math.round(unit * q * 0.08)), cur) });
		items.push({
			orderItemId: String(10000000000000 + i * 10 + k),
			quantityOrdered: q,
			product: { asin: 'B0' + String(i).padStart(8, '0'), sellerSku: 'SKU-' + ((i + k) % 500), title: 'Item ' + k, price: { unitPrice: money(cents(unit), cur) } },
			proceeds: { breakdowns: bds },
			fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: q, ...(i % 7 === 0 ? { packing: { giftOption: { giftMessage: 'Enjoy!', giftWrapLevel: 'CLASSIC' } } } : {}) },
		});
	}
	const id = `${String(100 + (i % 900))}-${String(1000000 + i).slice(-7)}-${String(7000000 + i).slice(-7)}`;
	return {
		order: {
			orderId: id,
			createdTime: '2026-11-29T08:15:00Z',
			lastUpdatedTime: '2026-11-29T08:20:00Z',
			programs: i % 4 === 0 ? ['AMAZON_BUSINESS'] : ['PRIME'],
			salesChannel: { channelName: 'AMAZON', marketplaceId: mk },
			buyer: { buyerName: 'Buyer ' + i, buyerEmail: `b${i}@marketplace.amazon.com` },
			recipient: {
				deliveryAddress: {
					name: 'Recipient Number ' + i,
					addressLine1: `${1 + (i % 999)} Long Example Street Name Avenue`,
					addressLine2: i % 3 === 0 ? 'Apartment 12, Building Northeast Wing' : '',
					city: 'Example City',
					stateOrRegion: st,
					postalCode: pc,
					countryCode: cc,
					phone: '+1 206 555 0100',
				},
			},
			proceeds: { grandTotal: money('100.00', cur) },
			fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT', fulfillmentServiceLevel: 'STANDARD' },
			orderItems: items,
		},
	};
}

const skuMap = {};
for (let s = 0; s < 500; s++) skuMap['SKU-' + s] = 'ITM' + s;
const options = {
	customerMap: { ATVPDKIKX0DER: 'AMZUS01', 'ATVPDKIKX0DER:B2B': 'AMZUSB2B', A1PA6795UKMFR9: 'AMZDE01', A1F83G8C2ARO7P: 'AMZUK01' },
	headDefaults: { ORTP: 'A01', FACI: 'A01', WHLO: '001' },
	skuMap,
};

const orders = [];
for (let i = 0; i < N; i++) orders.push(genOrder(i));

function runAll() {
	let ok = 0;
	for (let i = 0; i < N; i++) {
		const c = amazonOrderToCanonical(orders[i]);
		if (!c.ok) continue;
		const p = canonicalOrderToM3Plan(c.value, options);
		if (p.ok) ok++;
	}
	return ok;
}

// Warm-up (JIT), then best of 5 timed passes. The rate is per CPU second of this (single-threaded) process,
// i.e. "on one core", so other load on a shared machine does not distort it; wall time goes to stderr.
let valid = runAll();
runAll();
let best = Infinity;
let bestWall = Infinity;
for (let r = 0; r < 5; r++) {
	const c0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	valid = runAll();
	const wall = Number(process.hrtime.bigint() - t0) / 1e6;
	const c = process.cpuUsage(c0);
	const ms = (c.user + c.system) / 1000;
	if (ms < best) best = ms;
	if (wall < bestWall) bestWall = wall;
}
process.stderr.write(`transform-orders: best cpu ${best.toFixed(1)} ms, best wall ${bestWall.toFixed(1)} ms for ${N} orders\n`);
if (valid !== N) {
	process.stderr.write(`warning: only ${valid} of ${N} generated orders mapped without issues\n`);
}
process.stdout.write(`BENCH transform-orders orders=${N} per_s=${Math.round((N / best) * 1000)}\n`);
