// @ts-check
/**
 * A year of order history for the M3 simulator (`startM3Simulator({ history: N })`, `--history N`).
 *
 * N historical customer orders spread over the Amazon customers (index i -> customer AMAZON[i % 5]), each with 1-3
 * lines, its released batch order (OIS275 status 90), one delivery with a package and a tracking number, and an
 * invoice (all but the newest 1 %, which are delivered and not yet invoiced). Nothing is stored: every record is a
 * pure function of (seed, i), so 200,000 orders cost no memory and start instantly, while every transaction that
 * reads them still sees them (GetHead, LstHead, SearchHead, LstBatchHead, GetBatchHead, GetOrderNo, MWS410MI, ...).
 *
 * Keys are disjoint from the live number series and sort before them:
 *   ORNO  '01' + 8 digits (0100000000 + i)        live orders 1000000101...
 *   temporary (batch) ORNO  '6' + 9 digits          live batch orders 7000000001...
 *   DLIX  100000000 + i                             live deliveries 8000001...
 *   CUOR  '90<c>-<7 digits>-<7 digits>'             (Amazon-like; c = customer index; no simulator marketplace uses 90x)
 * Historical orders are complete (delivered, mostly invoiced): nothing a client does changes them.
 */
'use strict';

const AMAZON_CUSTOMERS = ['AMZUS01', 'AMZCA01', 'AMZDE01', 'AMZUK01', 'AMZFR01'];
const MAX_HISTORY = 10000000;
const DAY_MS = 86400000;

const ORNO_BASE = 100000000; // '01' + 8 digits = '0' + (100000000 + i)
const DLIX_BASE = 100000000;
const PANR_BASE = 900000000;

/** @param {number} n @param {number} w */
const pad = (n, w) => String(n).padStart(w, '0');
/** @param {number} ms */
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
/** deterministic 0..1e7-1 scramble of i (for the last CUOR group and order item ids) @param {number} i */
const mix = (i) => Number((BigInt(i + 1) * 2654435761n) % 10000000n);
/** @param {number} n */
const money = (n) => String(Math.round(n * 100) / 100);

/**
 * @param {{ seed: number, count: number, now: number, cono: string, divi: string, faci: string,
 *   customers: Record<string, Record<string, string>>, items: Record<string, Record<string, string>>,
 *   aliases: Array<Record<string, string>> }} opts
 */
function createHistory(opts) {
	const count = Math.max(0, Math.min(MAX_HISTORY, Math.floor(opts.count || 0)));
	const customers = AMAZON_CUSTOMERS.filter((c) => opts.customers[c]);
	const skuOf = new Map(opts.aliases.filter((a) => Number(a.ALWT) === 1).map((a) => [a.ITNO, a.POPN]));
	const sellable = Object.values(opts.items).filter((it) => it.STAT === '20' && skuOf.has(it.ITNO));
	const day0 = Math.floor(opts.now / DAY_MS) * DAY_MS;
	const enabled = count > 0 && customers.length > 0 && sellable.length > 0;

	/** @param {number} i */
	const ornoOf = (i) => '0' + String(ORNO_BASE + i);
	/** @param {number} i */
	const tmpOf = (i) => '6' + pad(i, 9);
	/** @param {number} i */
	const dlixOf = (i) => String(DLIX_BASE + i);
	/** @param {number} i */
	const cuorOf = (i) => `90${i % customers.length}-${pad(Math.floor(i / customers.length), 7)}-${pad(mix(i), 7)}`;
	/** @param {number} i */
	const invoiced = (i) => i < count - Math.ceil(count / 100);
	/** order date: the oldest order a year ago, the newest yesterday @param {number} i */
	const dateOf = (i) => ymd(day0 - Math.ceil(((count - i) * 365) / count) * DAY_MS);

	/** @param {number} i @returns {number} */
	function valid(i) {
		return enabled && Number.isInteger(i) && i >= 0 && i < count ? i : -1;
	}

	/** The whole order i: head, lines, delivery, batch order (fresh objects each call). @param {number} i */
	function build(i) {
		const CUNO = customers[i % customers.length];
		const cust = opts.customers[CUNO];
		const ORNO = ornoOf(i);
		const CUOR = cuorOf(i);
		const d = dateOf(i);
		const inv = invoiced(i);
		const st = inv ? '77' : '66';
		const DLIX = dlixOf(i);
		const lines = [];
		let ntam = 0;
		for (let k = 0; k < 1 + (i % 3); k++) {
			const it = sellable[(i * 7 + k * 13) % sellable.length];
			const q = 1 + ((i + k) % 2);
			const sapr = Number(it.SAPR || '10');
			ntam += q * sapr;
			lines.push({
				CONO: opts.cono, ORNO, PONR: String(k + 1), POSX: '0', ITNO: it.ITNO, ITDS: it.ITDS, WHLO: cust.WHLO || '001',
				ORQT: String(q), ORQA: String(q), SAPR: money(sapr), NLAM: money(q * sapr), LNA2: money(q * sapr), ALQT: '0',
				DLQT: String(q), IVQT: inv ? String(q) : '0', CUCD: cust.CUCD, ALUN: it.UNMS || 'EA', SPUN: it.UNMS || 'EA',
				DWDT: d, CODT: d, ORST: st, CUOR: `9${pad(mix(i * 3 + k), 13)}`, POPN: skuOf.get(it.ITNO) || '', ALWT: '1',
			});
		}
		const head = {
			CONO: opts.cono, DIVI: opts.divi, ORNO, CUNO, CUOR, ORTP: cust.ORTP || 'A01', FACI: opts.faci, WHLO: cust.WHLO || '001',
			MODL: cust.MODL || 'UPS', TEDL: cust.TEDL || 'FCA', CUCD: cust.CUCD, ORDT: d, RLDT: d, CUDT: d, TEPY: cust.TEPY || '30',
			LNCD: cust.LNCD || 'GB', DLIX, LMTS: String(lmtsOf(i)), RGDT: d, ORSL: st, ORST: st, STAT: st,
			NTAM: money(ntam), ORVA: money(ntam), YREF: '',
		};
		const pgrs = inv ? '70' : '60';
		const ETRN = `1Z${pad(opts.seed % 10000, 4)}H${pad(i, 9)}`;
		const weight = money(lines.reduce((s, l) => s + Number(l.DLQT) * 0.6, 0));
		const delivery = {
			head: {
				DLIX, RORC: '3', RIDN: ORNO, CUOR, CONA: CUNO, WHLO: head.WHLO, MODL: head.MODL, TEDL: head.TEDL, ETRN, FWNO: 'UPS', DSDT: d,
				DSHM: '1000', CONN: '0', PGRS: pgrs, PIST: '90', NRUL: '1', GRW2: weight, NEW2: weight, CSCD: cust.CSCD || '',
				PONO: cust.PONO || '', ECAR: '', YREF: '', NBOL: `BOL${DLIX}`, IVNO: inv ? String(500000000 + i) : '', IVDT: inv ? d : '',
				TRDT: d, TRTM: '100000', LMTS: head.LMTS,
			},
			lines: lines.map((l) => ({
				DLIX, RORC: '3', RIDN: ORNO, RIDL: l.PONR, RIDX: '0', ITNO: l.ITNO, FACI: opts.faci, POPN: l.POPN, ALWT: '1',
				TRQT: l.DLQT, PLQT: l.DLQT, TRQA: l.DLQT, PLQA: l.DLQT, ALUN: l.ALUN, DPOL: '', MODL: head.MODL, JDCD: '', PGRS: pgrs,
				RGDT: d, LMDT: d, LMTS: head.LMTS,
			})),
			packages: [{
				CONO: opts.cono, INOU: '1', DLIX, PANR: String(PANR_BASE + i), SSCC: `00${pad(PANR_BASE + i, 16)}`, PACO: '0',
				PACT: 'BOX', ETRN, GRWE: weight, NEWE: weight, PGRS: pgrs, RGDT: d, LMDT: d, DLRM: '', DLMO: '',
			}],
		};
		const batch = {
			ORNO: tmpOf(i), STAT: '90', ORNR: ORNO, errors: [], address: [], lines: [], headCharges: [], lineCharges: [],
			head: { ...head, ORNO: tmpOf(i), ORNR: ORNO },
		};
		const order = { head, lines, address: [], charges: [], lineCharges: [], batchOrno: tmpOf(i), deliveries: [DLIX] };
		return { order, delivery, batch };
	}

	/** change time of order i (its delivery too): the oldest a year back, one second apart @param {number} i */
	const lmtsOf = (i) => day0 - (count - i) * 1000;

	/** @param {string} orno */
	const indexOfOrno = (orno) => (/^0\d{9}$/.test(String(orno)) ? valid(Number(orno) - ORNO_BASE) : -1);
	/** @param {string} tmp */
	const indexOfBatch = (tmp) => (/^6\d{9}$/.test(String(tmp)) ? valid(Number(String(tmp).slice(1))) : -1);
	/** @param {string} dlix */
	const indexOfDlix = (dlix) => {
		const n = Number(dlix);
		return Number.isInteger(n) && n >= DLIX_BASE ? valid(n - DLIX_BASE) : -1;
	};
	/** @param {string} cuor */
	const indexOfCuor = (cuor) => {
		const m = /^90(\d)-(\d{7})-(\d{7})$/.exec(String(cuor));
		if (!m || !enabled) return -1;
		const i = valid(Number(m[2]) * customers.length + Number(m[1]));
		return i >= 0 && cuorOf(i) === cuor ? i : -1;
	};

	return {
		count: enabled ? count : 0,
		customers,
		/** @param {string} orno */
		order: (orno) => {
			const i = indexOfOrno(orno);
			return i < 0 ? undefined : build(i).order;
		},
		/** @param {string} tmp */
		batch: (tmp) => {
			const i = indexOfBatch(tmp);
			return i < 0 ? undefined : build(i).batch;
		},
		/** @param {string} dlix */
		delivery: (dlix) => {
			const i = indexOfDlix(dlix);
			return i < 0 ? undefined : build(i).delivery;
		},
		/** @param {string} cuor */
		orderByCuor: (cuor) => {
			const i = indexOfCuor(cuor);
			return i < 0 ? undefined : build(i).order;
		},
		/** order i (0 = oldest) @param {number} i */
		at: (i) => (valid(i) < 0 ? undefined : build(i)),
		/** Orders of a customer in ORNO order (the customer's index range), built one by one. @param {string} cuno */
		*ordersOf(cuno) {
			const c = customers.indexOf(cuno);
			if (c < 0 || !enabled) return;
			for (let i = c; i < count; i += customers.length) yield build(i).order;
		},
		/** Index of the first order (and delivery) whose LMTS is at or after `lmts` (count when none): LMTS grows with i. @param {number} lmts */
		firstDeliveryAtLmts: (lmts) => {
			if (!enabled) return 0;
			const i = Math.ceil(count - (day0 - lmts) / 1000);
			return Math.max(0, Math.min(count, i));
		},
		/** Every order in ORNO order. */
		*all() {
			for (let i = 0; i < (enabled ? count : 0); i++) yield build(i);
		},
		cuorOf,
		ornoOf,
	};
}

/** @typedef {ReturnType<typeof createHistory>} History */

module.exports = { createHistory, AMAZON_CUSTOMERS, MAX_HISTORY };
