// @ts-check
/**
 * Customer-order domain logic: batch order confirmation (OIS275 -> OOHEAD/OOLINE), allocation, and the
 * "ship" control action that creates a delivery (MHDISH/MHDISL), a package with a tracking number and
 * raises statuses to 66 (delivered) or 77 (invoiced). Status codes per m3-mi-ion.md §3.1/§3.2.
 */
'use strict';

const { today, timeOfDay, nextLmts, getBalance, touchBalance, av01 } = require('./state');
const { num, str, st2 } = require('./transactions/util');
const money = require('../worlds/money');

/** @typedef {import('./state').State} State */

/** Batch order statuses (OIS275): M3 documents 90 = created; 15/20/25/30/55 = stopped. */
const BATCH = { ENTERED: '10', HEAD_ERROR: '15', LINE_ERROR: '25', CREATED: '90' };

/** Line/order statuses: first digit lowest, second highest for heads (§3.2). */
const LINE = { NOT_ALLOCATED: '22', PART_ALLOCATED: '23', ALLOCATED: '33', PICKING: '44', PART_DELIVERED: '46', DELIVERED: '66', INVOICED: '77' };

/** Recomputes ORSL/ORST and amounts of an order head from its lines. @param {any} order */
function refreshHead(order) {
	const sts = order.lines.map((/** @type {any} */ l) => Number(l.ORST));
	order.head.ORSL = sts.length ? st2(Math.min(...sts)) : LINE.NOT_ALLOCATED;
	order.head.ORST = sts.length ? st2(Math.max(...sts)) : LINE.NOT_ALLOCATED;
	order.head.STAT = order.head.ORST; // GetHead STAT: the order's (highest) status
	if (order.vatLines) return; // amounts fixed at Confirm (orderTotals)
	const ntam = order.lines.reduce((/** @type {number} */ s, /** @type {any} */ l) => s + num(l.NLAM), 0);
	order.head.NTAM = str(ntam);
	order.head.ORVA = str(ntam);
}

/** Line status from ordered/allocated/delivered/invoiced quantities. @param {any} l */
function lineStatus(l) {
	const orq = num(l.ORQT);
	const dl = num(l.DLQT);
	if (dl > 0) {
		if (num(l.IVQT) >= orq) return LINE.INVOICED;
		return dl >= orq ? LINE.DELIVERED : LINE.PART_DELIVERED;
	}
	if (num(l.PIQT) > 0) return LINE.PICKING;
	const al = num(l.ALQT);
	if (al >= orq) return LINE.ALLOCATED;
	return al > 0 ? LINE.PART_ALLOCATED : LINE.NOT_ALLOCATED;
}

/**
 * Allocates up to `want` units of an item in a warehouse (reduces AV01, records the balance change).
 * @param {State} state @param {string} whlo @param {string} itno @param {number} want @returns {number} allocated
 */
function allocate(state, whlo, itno, want) {
	const b = getBalance(state, whlo, itno);
	if (!b || want <= 0) return 0;
	const qty = Math.max(0, Math.min(want, av01(b)));
	if (qty > 0) {
		b.ALQT += qty;
		touchBalance(state, b);
	}
	return qty;
}

/**
 * Validates a batch order the way Confirm does; returns the LstErrMsgOrder rows (empty = OK).
 * @param {State} state @param {any} batch
 */
function checkBatch(state, batch) {
	/** @type {Array<{LEVL: string, MDTA: string, TX60: string, MSID: string}>} */
	const errs = [];
	const cust = state.customers[batch.head.CUNO];
	if (!cust) errs.push({ LEVL: '1', MDTA: batch.head.CUNO, TX60: `Customer number ${batch.head.CUNO} does not exist`, MSID: 'WCU0203' });
	else if (cust.STAT !== '20') errs.push({ LEVL: '1', MDTA: batch.head.CUNO, TX60: `Customer ${batch.head.CUNO} status ${cust.STAT} is not 20`, MSID: 'WCU0201' });
	if (!state.warehouses[batch.head.WHLO]) errs.push({ LEVL: '1', MDTA: batch.head.WHLO, TX60: `Warehouse ${batch.head.WHLO} does not exist`, MSID: 'WWH0103' });
	for (const l of batch.lines) {
		const it = state.items[l.ITNO];
		const where = `${l.PONR}`;
		if (!it) errs.push({ LEVL: '2', MDTA: where, TX60: `Item number ${l.ITNO} does not exist`, MSID: 'WIT0103' });
		else if (it.STAT !== '20') errs.push({ LEVL: '2', MDTA: where, TX60: `Item ${l.ITNO} has status ${it.STAT}`, MSID: 'WIT0101' });
		if (!(num(l.ORQT || '0') > 0)) errs.push({ LEVL: '2', MDTA: where, TX60: `Quantity ${l.ORQT || ''} is invalid`, MSID: 'WORQ101' });
		if (l.SAPR && Number.isNaN(num(l.SAPR))) errs.push({ LEVL: '2', MDTA: where, TX60: `Sales price ${l.SAPR} is invalid`, MSID: 'WSAP101' });
		const whlo = l.WHLO || batch.head.WHLO;
		if (!state.warehouses[whlo]) errs.push({ LEVL: '2', MDTA: where, TX60: `Warehouse ${whlo} does not exist`, MSID: 'WWH0103' });
	}
	return errs;
}

/**
 * Confirm: validate, then create the customer order and allocate. Confirming twice does not duplicate.
 * @param {State} state @param {any} batch
 */
function confirmBatch(state, batch) {
	if (batch.STAT === BATCH.CREATED) return batch;
	batch.errors = checkBatch(state, batch);
	if (!batch.errors.length && state.vat) {
		const v = vatOf(state, batch, state.customers[batch.head.CUNO]);
		if (v.error) batch.errors.push({ LEVL: '1', MDTA: v.code, TX60: v.error, MSID: 'WVT0103' });
	}
	if (batch.errors.length) {
		batch.STAT = batch.errors.some((/** @type {any} */ e) => e.LEVL === '1') ? BATCH.HEAD_ERROR : BATCH.LINE_ERROR;
		return batch;
	}
	const orno = String(++state.seq.orno);
	const cust = state.customers[batch.head.CUNO];
	const d = today(state);
	const head = {
		...batch.head, ORNO: orno, DIVI: state.divi, CUCD: batch.head.CUCD || cust.CUCD, ORDT: batch.head.ORDT || d,
		RLDT: batch.head.RLDT || d, CUDT: batch.head.CUDT || d, TEPY: batch.head.TEPY || cust.TEPY, LNCD: cust.LNCD || 'GB',
		DLIX: '', LMTS: String(nextLmts(state)), RGDT: d,
	};
	const lines = batch.lines.map((/** @type {any} */ bl) => {
		const it = state.items[bl.ITNO];
		const whlo = bl.WHLO || head.WHLO;
		const orqt = num(bl.ORQT);
		const sapr = bl.SAPR ? num(bl.SAPR) : num(it.SAPR);
		const alq = allocate(state, whlo, bl.ITNO, orqt);
		const b = getBalance(state, whlo, bl.ITNO);
		if (b) {
			b.REQT += orqt; // reserved by customer orders until delivered
			touchBalance(state, b);
		}
		const line = {
			...bl, ORNO: orno, POSX: '0', ITDS: bl.ITDS || it.ITDS, WHLO: whlo, ORQT: str(orqt), ORQA: str(orqt), SAPR: str(sapr),
			NLAM: str(orqt * sapr), LNA2: str(orqt * sapr), ALQT: str(alq), DLQT: '0', IVQT: '0', CUCD: head.CUCD,
			ALUN: bl.ALUN || it.UNMS, SPUN: it.UNMS, DWDT: bl.DWDT || head.RLDT, CODT: bl.CODT || head.RLDT, ORST: '',
		};
		line.ORST = lineStatus(line);
		return line;
	});
	const order = { head, lines, texts: batch.texts || [], address: batch.address, charges: batch.headCharges, lineCharges: batch.lineCharges, batchOrno: batch.ORNO, deliveries: [] };
	refreshHead(order);
	if (state.vat) Object.assign(order, orderTotals(state, order, cust));
	state.orders[orno] = order;
	// an order type whose dispatch policy reports the picking list itself: released, picked and issued at once
	const ortp = state.orderTypes[head.ORTP];
	if (ortp && ortp.autoDelivery) shipOrder(state, orno, { trackingNumber: null, carrier: head.MODL, auto: true });
	batch.STAT = BATCH.CREATED;
	batch.ORNR = orno;
	batch.head.ORSL = head.ORSL;
	batch.head.ORST = head.ORST;
	return batch;
}

/**
 * The order's VAT code and rate, as M3 determines them (VAT management, tax method 1): the customer's VAT code
 * (CRS610 VTCD) or else the item's (MMS001 VTCS); when the goods leave the division's country for another EU
 * country and the order carries the buyer's VAT registration number (delivery address VRNO, else the customer's)
 * of another EU country, the code's EU VAT code (reverse charge); the rate of that code for the delivery country
 * (CRS031), or its rate for all countries ('*').
 * @param {State} state @param {any} order batch order or customer order (head, lines, address) @param {any} cust
 */
function vatOf(state, order, cust) {
	const vat = /** @type {any} */ (state.vat);
	const addr = (order.address || []).find((/** @type {any} */ a) => Number(a.ADRT) === 1) || {};
	const dest = addr.CSCD || cust.CSCD || vat.divisionCountry;
	const first = order.lines[0] ? state.items[order.lines[0].ITNO] : undefined;
	let code = cust.VTCD || (first && first.VTCS) || vat.defaultCode;
	const vrno = addr.VRNO || cust.VRNO || '';
	const vrnoCountry = vrno.slice(0, 2).toUpperCase().replace(/^EL$/, 'GR');
	const eu = (/** @type {string} */ c) => vat.euCountries.includes(c);
	const def = vat.codes[code];
	if (!def) return { code, error: `VAT code ${code} does not exist` };
	if (vrno && def.euCode && dest !== vat.divisionCountry && eu(dest) && eu(vrnoCountry) && vrnoCountry !== vat.divisionCountry) code = def.euCode;
	const rates = vat.codes[code].rates;
	const rate = rates[dest] ?? rates['*'];
	if (rate === undefined) return { code, error: `No VAT rate for code ${code} and country ${dest}` };
	return { code, rate, dest, vrno };
}

/**
 * Net, charges, VAT and total of a confirmed order (what OIS100MI/GetHead and the invoice show), exact: line net =
 * SAPR x ORQT - discount amounts; charges with their own VAT code (CRS280) or the order's; VAT per code on the sum of
 * its amounts, rounded once (invoice-level VAT).
 * @param {State} state @param {any} order @param {any} cust
 */
function orderTotals(state, order, cust) {
	const vat = /** @type {any} */ (state.vat);
	const v = vatOf(state, order, cust);
	/** @type {Record<string, { base: bigint, rate: string }>} */
	const byCode = {};
	const add = (/** @type {string} */ code, /** @type {string} */ rate, /** @type {bigint} */ amount) => {
		const e = (byCode[code] = byCode[code] || { base: BigInt(0), rate });
		e.base += amount;
	};
	let net = BigInt(0);
	for (const l of order.lines) {
		let n = money.micro(money.mul(l.SAPR, l.ORQT));
		for (const k of ['DIA1', 'DIA2', 'DIA3', 'DIA4', 'DIA5', 'DIA6']) if (l[k]) n -= money.micro(l[k]);
		l.NLAM = money.text(n);
		l.LNA2 = l.NLAM;
		l.VTCD = v.code;
		net += n;
		add(v.code, v.rate, n);
	}
	let charges = BigInt(0);
	for (const c of order.charges || []) {
		const amount = money.micro(c.CRAM || '0');
		const own = vat.charges[c.CRID] && vat.charges[c.CRID].VTCD;
		const code = own || v.code;
		const rates = (vat.codes[code] || vat.codes[v.code]).rates;
		charges += amount;
		add(code, own ? rates[v.dest] ?? rates['*'] ?? '0' : v.rate, amount);
	}
	let tax = BigInt(0);
	const vatLines = Object.entries(byCode).map(([VTCD, e]) => {
		const VTAM = money.taxOn(money.text(e.base, 6), e.rate);
		tax += money.micro(VTAM);
		return { VTCD, base: money.text(e.base), rate: e.rate, VTAM };
	});
	Object.assign(order.head, {
		VTCD: v.code, NTAM: money.text(net), ORVA: money.text(net + charges), EXAM: money.text(charges), VTAM: money.text(tax),
		TOAM: money.text(net + charges + tax), TOPY: money.text(net + charges + tax), BRAM: money.text(net + charges + tax),
	});
	return { vatLines, vrno: v.vrno };
}

const CARRIERS = { UPS: '1Z', FDX: '7', DHL: 'JD' };

/**
 * Control action "ship": delivers whatever can be delivered (allocated, plus newly allocatable), creates a
 * delivery with lines, one package, tracking number ETRN and forwarder FWNO; status 66 (or 77 when invoiced).
 * Options for a delivery that is not issued yet or only part of the order: `pgrs` below '60' (e.g. '05' picking
 * lists to report) leaves the stock on hand and the lines in picking (44) until `issueDelivery`; `lines`
 * [{PONR, qty}] delivers only those quantities; `trackingNumber: null` leaves ETRN blank.
 * @param {State} state @param {string} orno
 * @param {{ carrier?: string, trackingNumber?: string | null, invoice?: boolean, modl?: string, pgrs?: string,
 *   lines?: Array<{ PONR: string | number, qty: number }>, auto?: boolean }} [opts] auto: issued by the dispatch
 *   policy at Confirm (no picking list, no package, DPOL of the order type)
 */
function shipOrder(state, orno, opts = {}) {
	const order = state.orders[orno];
	if (!order) return { error: `order ${orno} does not exist`, status: 404 };
	const ship = [];
	for (const l of order.lines) {
		const want = opts.lines ? opts.lines.find((x) => Number(x.PONR) === Number(l.PONR)) : undefined;
		if (opts.lines && !want) continue;
		// a line closed without delivery (99, CloLine) is not delivered any more
		if (Number(l.ORST) >= 90) continue;
		const open = num(l.ORQT) - num(l.DLQT) - num(l.PIQT);
		if (open <= 0) continue;
		const extra = allocate(state, l.WHLO, l.ITNO, open - num(l.ALQT));
		l.ALQT = str(num(l.ALQT) + extra);
		const qty = Math.min(open, num(l.ALQT), want ? want.qty : Infinity);
		if (qty > 0) ship.push({ line: l, qty });
	}
	if (!ship.length) return { error: `order ${orno} has nothing allocatable to ship`, status: 409 };
	const d = today(state);
	const carrier = (opts.carrier || order.head.MODL || 'UPS').toUpperCase().slice(0, 10);
	const prefix = /** @type {Record<string, string>} */ (CARRIERS)[carrier] || 'TRK';
	const n = ++state.seq.tracking;
	const etrn = opts.trackingNumber === null ? '' : opts.trackingNumber || `${prefix}${String(state.seed).padStart(4, '0')}${String(n).padStart(10, '0')}`;
	const dlix = String(++state.seq.dlix);
	const panr = String(++state.seq.panr);
	const pgrs = opts.pgrs || (opts.invoice ? '70' : '60');
	const issued = Number(pgrs) >= 60;
	const lmts = nextLmts(state);
	const dlines = ship.map(({ line, qty }) => {
		if (issued) issueLine(state, line, qty, d, !!opts.invoice);
		else {
			line.PIQT = str(num(line.PIQT) + qty);
			line.ORST = lineStatus(line);
		}
		return {
			DLIX: dlix, RORC: '3', RIDN: orno, RIDL: line.PONR, RIDX: line.POSX, ITNO: line.ITNO, FACI: order.head.FACI,
			POPN: line.POPN || '', ALWT: line.ALWT || '', TRQT: str(qty), PLQT: str(qty), TRQA: str(qty), PLQA: str(qty),
			ALUN: line.ALUN, DPOL: opts.auto ? state.orderTypes[order.head.ORTP].DPOL : '', MODL: order.head.MODL, JDCD: line.JDCD || '', PGRS: pgrs, RGDT: d, LMDT: d, LMTS: String(lmts),
		};
	});
	const addr = (order.address && order.address[0]) || {};
	const weight = str(dlines.reduce((s, l) => s + num(l.TRQT) * 0.6, 0));
	const delivery = {
		head: {
			DLIX: dlix, RORC: '3', RIDN: orno, CUOR: order.head.CUOR, CONA: order.head.CUNO, WHLO: ship[0].line.WHLO, MODL: opts.modl || order.head.MODL,
			TEDL: order.head.TEDL, ETRN: etrn, FWNO: carrier, DSDT: d, DSHM: timeOfDay(state), CONN: '0', PGRS: pgrs,
			PIST: '90', NRUL: '1', GRW2: weight, NEW2: weight, CSCD: addr.CSCD || '', PONO: addr.PONO || '', ECAR: addr.ECAR || '',
			YREF: order.head.YREF || '', NBOL: `BOL${dlix}`, IVNO: opts.invoice ? String(900000 + n) : '', IVDT: opts.invoice ? d : '',
			TRDT: d, TRTM: timeOfDay(state, true), LMTS: String(lmts),
		},
		lines: dlines,
		packages: [{
			CONO: state.cono, INOU: '1', DLIX: dlix, PANR: panr, SSCC: `00${String(state.seq.panr).padStart(16, '0')}`, PACO: '0',
			PACT: 'BOX', ETRN: etrn, GRWE: weight, NEWE: weight, PGRS: pgrs, RGDT: d, LMDT: d, DLRM: '', DLMO: '',
		}],
	};
	state.deliveries[dlix] = delivery;
	order.deliveries.push(dlix);
	order.head.DLIX = dlix;
	order.head.LMTS = String(lmts);
	refreshHead(order);
	return { ORNO: orno, DLIX: dlix, ETRN: etrn, PANR: panr, PGRS: pgrs, ORSL: order.head.ORSL, ORST: order.head.ORST };
}

/** Issues `qty` of an order line: stock leaves the warehouse, delivered quantity up. @param {State} state @param {any} line @param {number} qty @param {string} d @param {boolean} invoice */
function issueLine(state, line, qty, d, invoice) {
	const b = getBalance(state, line.WHLO, line.ITNO);
	if (b) {
		b.STQT -= qty;
		b.ALQT = Math.max(0, b.ALQT - qty);
		b.REQT = Math.max(0, b.REQT - qty);
		b.ODDT = d;
		touchBalance(state, b);
	}
	line.ALQT = str(num(line.ALQT) - qty);
	line.DLQT = str(num(line.DLQT) + qty);
	if (invoice) line.IVQT = line.DLQT;
	line.ORST = lineStatus(line);
}

/**
 * Control action "issue": a delivery still in picking (PGRS < 60) is issued: stock leaves, PGRS 60 (70 with
 * invoice), a tracking number when given (or generated when it has none).
 * @param {State} state @param {string} dlix @param {{ trackingNumber?: string, invoice?: boolean }} [opts]
 */
function issueDelivery(state, dlix, opts = {}) {
	const del = state.deliveries[String(Number(dlix))];
	if (!del) return { error: `delivery ${dlix} does not exist`, status: 404 };
	if (Number(del.head.PGRS) >= 60) return { error: `delivery ${dlix} is already issued (PGRS ${del.head.PGRS})`, status: 409 };
	const order = state.orders[del.head.RIDN];
	const d = today(state);
	const pgrs = opts.invoice ? '70' : '60';
	for (const dl of del.lines) {
		const line = order.lines.find((/** @type {any} */ l) => String(l.PONR) === String(dl.RIDL));
		const qty = num(dl.TRQT);
		line.PIQT = str(Math.max(0, num(line.PIQT) - qty));
		issueLine(state, line, qty, d, !!opts.invoice);
		dl.PGRS = pgrs;
	}
	const lmts = String(nextLmts(state));
	if (opts.trackingNumber || !del.head.ETRN) del.head.ETRN = opts.trackingNumber || `JD${String(state.seed).padStart(4, '0')}${String(++state.seq.tracking).padStart(10, '0')}`;
	Object.assign(del.head, { PGRS: pgrs, DSDT: d, DSHM: timeOfDay(state), LMTS: lmts });
	for (const p of del.packages) Object.assign(p, { PGRS: pgrs, ETRN: del.head.ETRN });
	for (const dl of del.lines) dl.LMTS = lmts;
	order.head.LMTS = lmts;
	refreshHead(order);
	return { ORNO: order.head.ORNO, DLIX: del.head.DLIX, ETRN: del.head.ETRN, PGRS: pgrs, ORSL: order.head.ORSL, ORST: order.head.ORST };
}

/**
 * Control action "tracking": sets the tracking number of a delivery head (MWS410 panel F: a change of the delivery,
 * new LMTS) or, with `package`, of its first package only (MWS423MI/ChangePackage: the delivery head is not changed).
 * @param {State} state @param {string} dlix @param {{ trackingNumber: string, package?: boolean }} opts
 */
function setTracking(state, dlix, opts) {
	const del = state.deliveries[String(Number(dlix))];
	if (!del) return { error: `delivery ${dlix} does not exist`, status: 404 };
	const etrn = String(opts.trackingNumber || '');
	if (opts.package) del.packages[0].ETRN = etrn;
	else {
		del.head.ETRN = etrn;
		del.head.LMTS = String(nextLmts(state));
	}
	return { DLIX: del.head.DLIX, ETRN: etrn, LMTS: del.head.LMTS };
}

module.exports = { BATCH, LINE, confirmBatch, checkBatch, shipOrder, issueDelivery, setTracking, allocate, refreshHead, lineStatus, vatOf, orderTotals };
