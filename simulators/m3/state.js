// @ts-check
/**
 * In-memory M3 "database" of the simulator and its simulated clock.
 * Everything is a plain object so GET /__sim/state can return it as JSON.
 */
'use strict';

const seedData = require('./seed');
const { createHistory } = require('./history');

/**
 * Simulated clock: runs `timeScale` times faster than real time and can be moved forward by the control
 * API (so tests can expire tokens without waiting).
 * @param {number} timeScale
 */
function createClock(timeScale) {
	const start = Date.now();
	let offset = 0;
	return {
		timeScale,
		now: () => start + (Date.now() - start) * timeScale + offset,
		/** @param {number} seconds */
		advance: (seconds) => {
			offset += seconds * 1000;
		},
	};
}

/**
 * @typedef {{ WHLO: string, ITNO: string, STQT: number, QUQT: number, RJQT: number, ALQT: number, PLQT: number,
 *   ORQT: number, REQT: number, RLQT: number, REQP: number, IDDT: string, ODDT: string, LMTS: number }} Balance
 */

/**
 * @param {{ seed: number, timeScale: number, history?: number, items?: number, world?: any }} opts
 *   history: historical orders generated on demand (history.js); items: number of seeded items (default 240);
 *   world: a named world (simulators/worlds) whose m3 part replaces the built-in seed
 */
function createState({ seed, timeScale, history = 0, items = seedData.ITEM_COUNT, world }) {
	const clock = createClock(timeScale);
	const m3World = world && world.m3;
	const state = {
		world: world ? world.name : 'demo',
		/** VAT setup (CRS030/CRS031 codes and rates, charges' VAT codes, division country); null = no VAT computed */
		vat: world && world.vat ? world.vat : null,
		seed,
		cono: seedData.CONO,
		divi: seedData.DIVI,
		faci: seedData.FACI,
		clock,
		/** @type {Record<string, any>} */ warehouses: {},
		/** @type {Record<string, { TX40: string, DPOL: string, autoDelivery: boolean }>} customer order types (OIS010) */
		orderTypes: JSON.parse(JSON.stringify(seedData.ORDER_TYPES)),
		/** @type {Record<string, Record<string, string>>} */ customers: {},
		/** @type {Record<string, Record<string, string>>} */ items: {},
		/** @type {Array<Record<string, string>>} */ aliases: [],
		/** @type {Record<string, Balance>} key WHLO|ITNO */ balances: {},
		/** @type {Record<string, any>} temporary (batch) order number -> batch order */ batchOrders: {},
		/** @type {Record<string, any>} final ORNO -> customer order */ orders: {},
		/** @type {Record<string, any>} DLIX -> delivery */ deliveries: {},
		/** @type {Record<string, any>} KEY1 -> GL batch */ glBatches: {},
		/** @type {Record<string, any>} WHLO|REPN -> customer return (OIS390MI) */ returns: {},
		/** @type {Record<string, Record<string, string>>} FILE|PK01..PK08 -> CUGEX1 record */ customFields: {},
		/** @type {Array<Record<string, string>>} OIS017 price list headers (see catalog.js) */ priceLists: [],
		/** @type {Record<string, Record<string, string>>} PRRF|CUCD|FVDT|ITNO -> price list line */ priceLines: {},
		/** @type {Record<string, number>} "PGM/TRN" (and "token", "__sim") -> count */ requestCounts: {},
		/** rows the MI transactions read (index entries and records examined), see server.js */
		rowsRead: createRowsRead(),
		/** @type {import('./history').History | null} generated order history (orders, batch orders, deliveries) */
		history: /** @type {import('./history').History | null} */ (null),
		seq: { batchOrno: 7000000000, orno: 1000000100, dlix: 8000000, panr: 500000, lmts: 0, tracking: 0, repn: 3900000 },
	};
	if (m3World) seedWorld(state, m3World);
	else seedState(state, items);
	require('./catalog').seedCatalog(state, today(state));
	if (history > 0) {
		state.history = createHistory({
			seed, count: history, now: clock.now(), cono: state.cono, divi: state.divi, faci: state.faci,
			customers: state.customers, items: state.items, aliases: state.aliases,
		});
	}
	return state;
}

/** Per-request row counts: total, per "PGM/TRN", the largest request and the last 200 requests. */
function createRowsRead() {
	return {
		total: 0,
		requests: 0,
		maxPerRequest: 0,
		/** @type {Record<string, number>} */ byTransaction: {},
		/** @type {Array<{ api: string, program: string, transactions: string, rows: number }>} */ recent: [],
	};
}

/** A customer order, live or historical. @param {State} state @param {string} orno */
function findOrder(state, orno) {
	return state.orders[orno] || (state.history ? state.history.order(orno) : undefined);
}

/** A batch order (temporary ORNO), live or historical. @param {State} state @param {string} tmp */
function findBatch(state, tmp) {
	return state.batchOrders[tmp] || (state.history ? state.history.batch(tmp) : undefined);
}

/** A delivery, live or historical. @param {State} state @param {string} dlix */
function findDelivery(state, dlix) {
	const key = String(Number(dlix));
	return state.deliveries[key] || (state.history ? state.history.delivery(key) : undefined);
}

/** @typedef {ReturnType<typeof createState>} State */

/** Today's date (simulated clock) as YYYYMMDD. @param {State} state */
function today(state) {
	return new Date(state.clock.now()).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Time of day HHmm / HHmmss. @param {State} state @param {boolean} [seconds] */
function timeOfDay(state, seconds) {
	const iso = new Date(state.clock.now()).toISOString();
	return iso.slice(11, seconds ? 19 : 16).replace(/:/g, '');
}

/** Change timestamp (LMTS): ms since epoch on the simulated clock, strictly increasing. @param {State} state */
function nextLmts(state) {
	state.seq.lmts = Math.max(state.seq.lmts + 1, Math.floor(state.clock.now()));
	return state.seq.lmts;
}

/** @param {Balance} b */
const av01 = (b) => b.STQT - b.ALQT; // "Allocatable net": approved on-hand minus allocated
/** @param {Balance} b */
const av02 = (b) => b.STQT - b.REQT; // "Available inventory": on-hand minus reserved

/** @param {State} state @param {string} whlo @param {string} itno @returns {Balance | undefined} */
function getBalance(state, whlo, itno) {
	return state.balances[`${whlo}|${itno}`];
}

/** Records a balance change (new LMTS) so LstNewBalances returns it. @param {State} state @param {Balance} b */
function touchBalance(state, b) {
	b.LMTS = nextLmts(state);
}

/** @param {State} state @param {number} itemCount */
function seedState(state, itemCount) {
	const d = today(state);
	for (const w of seedData.WAREHOUSES) state.warehouses[w.WHLO] = { ...w };
	const fba = seedData.FBA_WAREHOUSE;
	state.warehouses[fba.WHLO] = { WHLO: fba.WHLO, WHNM: fba.WHNM, FACI: fba.FACI };
	for (const c of seedData.seedCustomers(state.seed)) {
		state.customers[c.CUNO] = { CONO: state.cono, DIVI: '', ...c, LMDT: d, RGDT: d, LMTS: String(nextLmts(state)) };
	}
	let skuIndex = 0;
	for (const it of seedData.seedItems(state.seed, itemCount)) {
		// the SP-API simulator stocks every 4th listed SKU at Amazon too (simulators/spapi/seed.js): the same in M3
		const atAmazon = !!it.sku && skuIndex++ % 4 === 3;
		state.items[it.ITNO] = {
			ITNO: it.ITNO, ITDS: it.ITDS, FUDS: `${it.ITDS} (simulated item)`, STAT: it.STAT, UNMS: it.UNMS, ITGR: it.ITGR,
			ITCL: it.ITGR, ITTY: 'FG', RESP: 'M3SRVADM', NEWE: '0.5', GRWE: '0.6', VOL3: '0.002', SALE: '1', STCD: '1',
			LMDT: d, RGDT: d, SAPR: it.price, ALUN: 'EA', SPUN: 'EA', PUUN: 'EA', PPUN: 'EA',
		};
		if (it.sku) {
			state.aliases.push({
				CONO: state.cono, ALWT: seedData.SKU_ALIAS_TYPE, ALWQ: '', ITNO: it.ITNO, POPN: it.sku, E0PA: '', VFDT: d,
				LVDT: '', CNQT: '1', ALUN: 'EA', REMK: 'Amazon seller SKU', RGDT: d, LMDT: d,
			});
		}
		state.aliases.push({
			CONO: state.cono, ALWT: seedData.EAN_ALIAS_TYPE, ALWQ: 'EA13', ITNO: it.ITNO, POPN: it.ean, E0PA: '', VFDT: d,
			LVDT: '', CNQT: '1', ALUN: 'EA', REMK: '', RGDT: d, LMDT: d,
		});
		const stock = atAmazon ? { ...it.stock, [fba.WHLO]: fba.onHand } : it.stock;
		for (const [WHLO, qty] of Object.entries(stock)) {
			state.balances[`${WHLO}|${it.ITNO}`] = {
				WHLO, ITNO: it.ITNO, STQT: qty, QUQT: 0, RJQT: 0, ALQT: 0, PLQT: 0, ORQT: 0, REQT: 0, RLQT: 0, REQP: 0,
				IDDT: d, ODDT: '', LMTS: nextLmts(state),
			};
		}
	}
}

/**
 * A world's M3 data: warehouses, customers (with their financial VAT fields), items with SKU, FBA SKU and EAN aliases
 * and on-hand stock per warehouse.
 * @param {State} state @param {any} w world.m3
 */
function seedWorld(state, w) {
	const d = today(state);
	for (const x of w.warehouses) state.warehouses[x.WHLO] = { WHLO: x.WHLO, WHNM: x.WHNM, FACI: x.FACI, CSCD: x.CSCD };
	// the stock at Amazon (FBA), for the items with an FBA SKU
	const fbaWh = w.fbaWarehouse;
	if (fbaWh) state.warehouses[fbaWh.WHLO] = { WHLO: fbaWh.WHLO, WHNM: fbaWh.WHNM, FACI: fbaWh.FACI, CSCD: fbaWh.CSCD ?? '' };
	for (const c of w.customers()) {
		state.customers[c.CUNO] = { CONO: state.cono, DIVI: '', ...c, LMDT: d, RGDT: d, LMTS: String(nextLmts(state)) };
	}
	const alias = (/** @type {string} */ ITNO, /** @type {string} */ ALWT, /** @type {string} */ ALWQ, /** @type {string} */ POPN, /** @type {string} */ REMK) => {
		state.aliases.push({ CONO: state.cono, ALWT, ALWQ, ITNO, POPN, E0PA: '', VFDT: d, LVDT: '', CNQT: '1', ALUN: 'EA', REMK, RGDT: d, LMDT: d });
	};
	for (const it of w.items(state.seed)) {
		state.items[it.ITNO] = {
			ITNO: it.ITNO, ITDS: it.ITDS, FUDS: `${it.ITDS} (simulated item)`, STAT: it.STAT, UNMS: it.UNMS, ITGR: it.ITGR,
			ITCL: it.ITGR, ITTY: 'FG', RESP: 'M3SRVADM', NEWE: '0.5', GRWE: '0.6', VOL3: '0.002', SALE: '1', STCD: '1',
			LMDT: d, RGDT: d, SAPR: it.price, ALUN: 'EA', SPUN: 'EA', PUUN: 'EA', PPUN: 'EA', VTCS: '01',
		};
		alias(it.ITNO, seedData.SKU_ALIAS_TYPE, '', it.sku, 'Amazon seller SKU');
		if (it.fbaSku) alias(it.ITNO, seedData.SKU_ALIAS_TYPE, '', it.fbaSku, 'Amazon seller SKU (FBA)');
		alias(it.ITNO, seedData.EAN_ALIAS_TYPE, 'EA13', it.ean, '');
		const stock = fbaWh && it.fbaSku ? { ...it.stock, [fbaWh.WHLO]: fbaWh.onHand } : it.stock;
		for (const [WHLO, qty] of Object.entries(stock)) {
			state.balances[`${WHLO}|${it.ITNO}`] = {
				WHLO, ITNO: it.ITNO, STQT: Number(qty), QUQT: 0, RJQT: 0, ALQT: 0, PLQT: 0, ORQT: 0, REQT: 0, RLQT: 0, REQP: 0,
				IDDT: d, ODDT: '', LMTS: nextLmts(state),
			};
		}
	}
}

module.exports = {
	createState, createClock, today, timeOfDay, nextLmts, av01, av02, getBalance, touchBalance, findOrder, findBatch, findDelivery,
};
