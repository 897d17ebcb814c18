// @ts-check
/**
 * Control API under /__sim/ (JSON, unauthenticated, local only; never routed through the ION gateway path).
 *
 *   GET    /__sim/state                      whole state (orders, batchOrders, customers, balances, deliveries,
 *                                            glBatches, customFields, requestCounts, faults, clock)
 *   GET    /__sim/state/{section}            one section, e.g. /__sim/state/orders
 *   GET    /__sim/requests                   request counts per "PGM/TRN" (+ token, __sim)
 *   GET    /__sim/rows                       rows read by MI requests: { total, requests, maxPerRequest,
 *                                            byTransaction, recent: [{ api, program, transactions, rows }] }
 *   GET    /__sim/faults                     active faults
 *   POST   /__sim/faults                     add one fault spec or an array (see faults.js) -> { faults }
 *   DELETE /__sim/faults[/{id}]              clear all faults / one fault
 *   POST   /__sim/orders/{ORNO}/ship         { carrier?, trackingNumber? (null = none), invoice?, pgrs? (< 60 = in picking,
 *                                            not issued), lines? [{PONR, qty}] (part of the order) }
 *                                            -> { DLIX, ETRN, PANR, PGRS, ORSL, ORST }
 *   POST   /__sim/deliveries/{DLIX}/issue    { trackingNumber?, invoice? } issue a delivery still in picking
 *   POST   /__sim/deliveries/{DLIX}/tracking { trackingNumber, package? } set the head's (or first package's) ETRN
 *   POST   /__sim/stock                      { WHLO, ITNO, STQT } set on-hand (records an LMTS change)
 *   POST   /__sim/items/{ITNO}               { FIELD: value, ... } change item master fields (new change date LMDT)
 *   POST   /__sim/prices                     { PRRF, CUCD, ITNO, SAPR } set a sales price in today's price list header
 *   POST   /__sim/clock/advance              { seconds } move the simulated clock forward
 *   POST   /__sim/tokens/expire              expire every issued access token
 *   POST   /__sim/reset                      fresh seed state, no faults, no tokens
 */
'use strict';

/**
 * The control operations, shared by the HTTP API and the `control` object returned by startM3Simulator.
 * @param {any} sim runtime
 */
function createControl(sim) {
	const control = {
		snapshot() {
			const s = sim.state;
			return {
				cono: s.cono, divi: s.divi, seed: s.seed, now: new Date(s.clock.now()).toISOString(),
				customers: s.customers, items: Object.keys(s.items).length, balances: s.balances, aliases: s.aliases.length,
				batchOrders: s.batchOrders, orders: s.orders, deliveries: s.deliveries, glBatches: s.glBatches,
				customFields: s.customFields, returns: s.returns, requestCounts: s.requestCounts, faults: sim.faults.list(), tokens: sim.auth.count(),
				history: s.history ? s.history.count : 0, rowsRead: control.rowsRead(),
			};
		},
		requestCounts: () => ({ ...sim.state.requestCounts }),
		/** Rows read by MI requests so far (a copy). */
		rowsRead: () => {
			const r = sim.state.rowsRead;
			return { ...r, byTransaction: { ...r.byTransaction }, recent: r.recent.slice() };
		},
		/** @param {any | any[]} specs */
		addFaults: (specs) => (Array.isArray(specs) ? specs : [specs]).map((f) => sim.faults.add(f)),
		/** Replace all faults. @param {any[]} specs */
		setFaults: (specs) => {
			sim.faults.clear();
			return control.addFaults(specs);
		},
		clearFaults: () => sim.faults.clear(),
		/** @param {number} id */
		removeFault: (id) => sim.faults.remove(id),
		listFaults: () => sim.faults.list(),
		/**
		 * @param {string} orno
		 * @param {{ carrier?: string, trackingNumber?: string | null, invoice?: boolean, pgrs?: string, lines?: Array<{ PONR: string | number, qty: number }> }} [opts]
		 */
		ship: (orno, opts) => require('./orders').shipOrder(sim.state, orno, opts),
		/** Issue a delivery still in picking. @param {string} dlix @param {{ trackingNumber?: string, invoice?: boolean }} [opts] */
		issue: (dlix, opts) => require('./orders').issueDelivery(sim.state, dlix, opts),
		/** Set a delivery's tracking number (head, or first package). @param {string} dlix @param {{ trackingNumber: string, package?: boolean }} opts */
		setTracking: (dlix, opts) => require('./orders').setTracking(sim.state, dlix, opts),
		/** Historical order i (0 = oldest; `history` option): { order, delivery, batch }, or undefined. @param {number} i */
		historyOrder: (i) => (sim.state.history ? sim.state.history.at(i) : undefined),
		/** @param {string} whlo @param {string} itno @param {number} qty */
		setStock: (whlo, itno, qty) => {
			const { touchBalance, today } = require('./state');
			const key = `${whlo}|${itno}`;
			let b = sim.state.balances[key];
			if (!b) {
				if (!sim.state.items[itno] || !sim.state.warehouses[whlo]) return null;
				b = sim.state.balances[key] = {
					WHLO: whlo, ITNO: itno, STQT: 0, QUQT: 0, RJQT: 0, ALQT: 0, PLQT: 0, ORQT: 0, REQT: 0, RLQT: 0, REQP: 0,
					IDDT: today(sim.state), ODDT: '', LMTS: 0,
				};
			}
			b.STQT = qty;
			touchBalance(sim.state, b);
			return b;
		},
		...require('./catalog').catalogControl(sim),
		/** @param {number} seconds */
		advanceClock: (seconds) => sim.state.clock.advance(seconds),
		expireTokens: () => sim.auth.expire(),
		reset: () => sim.reset(),
	};
	return control;
}

/**
 * @param {any} sim @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 * @param {URL} url @param {{ readBody: Function, sendJson: Function }} io
 */
async function handleControl(sim, req, res, url, io) {
	const c = sim.control;
	const p = url.pathname.replace(/\/+$/, '');
	const method = req.method || 'GET';
	/** @param {number} status @param {unknown} body */
	const send = (status, body) => io.sendJson(res, status, body, 'PRETTY');
	let body = {};
	if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
		const text = await io.readBody(req);
		try {
			body = text ? JSON.parse(text) : {};
		} catch {
			return send(400, { error: 'body must be JSON' });
		}
	}
	let m;
	try {
		if (method === 'GET' && p === '/__sim/state') return send(200, c.snapshot());
		if (method === 'GET' && (m = /^\/__sim\/state\/(\w+)$/.exec(p))) {
			const snap = /** @type {Record<string, unknown>} */ (c.snapshot());
			const sec = m[1] === 'items' ? sim.state.items : m[1] === 'aliases' ? sim.state.aliases : snap[m[1]];
			return sec === undefined ? send(404, { error: `no state section ${m[1]}` }) : send(200, sec);
		}
		if (method === 'GET' && p === '/__sim/requests') return send(200, c.requestCounts());
		if (method === 'GET' && p === '/__sim/rows') return send(200, c.rowsRead());
		if (p === '/__sim/faults') {
			if (method === 'GET') return send(200, { faults: c.listFaults() });
			if (method === 'POST') return send(200, { faults: c.addFaults(body) });
			if (method === 'PUT') return send(200, { faults: c.setFaults(Array.isArray(body) ? body : [body]) });
			if (method === 'DELETE') {
				c.clearFaults();
				return send(200, { faults: [] });
			}
		}
		if (method === 'DELETE' && (m = /^\/__sim\/faults\/(\d+)$/.exec(p))) {
			return c.removeFault(Number(m[1])) ? send(200, { removed: Number(m[1]) }) : send(404, { error: 'no such fault' });
		}
		if (method === 'POST' && (m = /^\/__sim\/orders\/([^/]+)\/ship$/.exec(p))) {
			const r = c.ship(decodeURIComponent(m[1]), body);
			return r.error ? send(r.status, { error: r.error }) : send(200, r);
		}
		if (method === 'POST' && (m = /^\/__sim\/deliveries\/([^/]+)\/tracking$/.exec(p))) {
			const r = c.setTracking(decodeURIComponent(m[1]), /** @type {any} */ (body));
			return r.error ? send(r.status, { error: r.error }) : send(200, r);
		}
		if (method === 'POST' && (m = /^\/__sim\/deliveries\/([^/]+)\/issue$/.exec(p))) {
			const r = c.issue(decodeURIComponent(m[1]), body);
			return r.error ? send(r.status, { error: r.error }) : send(200, r);
		}
		if (method === 'POST' && p === '/__sim/stock') {
			const b = /** @type {any} */ (body);
			const r = c.setStock(String(b.WHLO), String(b.ITNO), Number(b.STQT));
			return r ? send(200, r) : send(404, { error: 'unknown item or warehouse' });
		}
		if (method === 'POST' && (m = /^\/__sim\/items\/([^/]+)$/.exec(p))) {
			const r = c.changeItem(decodeURIComponent(m[1]), /** @type {any} */ (body));
			return r ? send(200, r) : send(404, { error: 'unknown item' });
		}
		if (method === 'POST' && p === '/__sim/prices') {
			const b = /** @type {any} */ (body);
			const r = c.setPrice(String(b.PRRF), String(b.CUCD), String(b.ITNO), b.SAPR);
			return r ? send(200, r) : send(404, { error: 'no price list valid today or unknown item' });
		}
		if (method === 'POST' && p === '/__sim/clock/advance') {
			c.advanceClock(Number(/** @type {any} */ (body).seconds) || 0);
			return send(200, { now: new Date(sim.state.clock.now()).toISOString() });
		}
		if (method === 'POST' && p === '/__sim/tokens/expire') {
			c.expireTokens();
			return send(200, { expired: true });
		}
		if (method === 'POST' && p === '/__sim/reset') {
			c.reset();
			return send(200, { reset: true });
		}
	} catch (e) {
		return send(400, { error: String(e instanceof Error ? e.message : e) });
	}
	return send(404, { error: `no control endpoint ${method} ${p}` });
}

module.exports = { createControl, handleControl };
