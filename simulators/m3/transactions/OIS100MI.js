// @ts-check
/**
 * OIS100MI - Customer order interface: batch order entry (AddBatch* -> Confirm -> GetOrderNo /
 * LstErrMsgOrder), order reads, delivery lines by order line, and balances (LstNewBalances by LMTS).
 */
'use strict';

const { errors, MIError } = require('../errors');
const { today, nextLmts, av01, av02, findOrder, findBatch, findDelivery } = require('../state');
const { BATCH, confirmBatch } = require('../orders');
const { deleteLine, closeLine } = require('../lifecycle');
const { searchMatcher, searchTerm, str, byKey } = require('./util');

/** @typedef {import('../server').TxContext} Ctx */

/** @param {Ctx} ctx @param {string} orno */
function batchOf(ctx, orno) {
	ctx.read();
	const b = findBatch(ctx.state, orno);
	if (!b) throw errors.notFound(`batch order ${orno}`, 'ORNO');
	return b;
}

/** A batch order still open for changes. @param {Ctx} ctx @param {string} orno */
function openBatch(ctx, orno) {
	const b = batchOf(ctx, orno);
	if (b.STAT === BATCH.CREATED) {
		throw new MIError(`Batch order ${orno} is already released to order ${b.ORNR}`, { code: 'OI27590', field: 'ORNO' });
	}
	return b;
}

/** @param {Ctx} ctx @param {string} orno */
function orderOf(ctx, orno) {
	ctx.read();
	const o = findOrder(ctx.state, orno);
	if (!o) throw errors.notFound(`customer order ${orno}`, 'ORNO');
	return o;
}

/**
 * Rows of a customer in key (ORNO) order: the generated history first (its ORNOs sort first), then the live ones.
 * Every row examined counts as read, also those the status filter drops: the CUNO index cannot skip them.
 * @template T @param {Ctx} ctx @param {Iterable<T>} history @param {T[]} live @param {(x: T) => boolean} keep
 */
function* scanCustomer(ctx, history, live, keep) {
	for (const x of [history, live]) {
		for (const r of x) {
			ctx.read();
			if (keep(r)) yield r;
		}
	}
}

/** Head record of a batch order (OIS275 view). @param {any} b */
const batchHeadRecord = (b) => ({ ...b.head, ORNO: b.ORNO, STAT: b.STAT, ORNR: b.ORNR || '' });

/** Status range filter of LstHead/LstBatchHead: ORSL = lowest status from, ORST = highest status to. @param {Ctx} ctx */
function statusFilter(ctx) {
	const { ORSL, ORST } = ctx.input;
	return (/** @type {any} */ h) => (!ORSL || (h.ORSL || '') >= ORSL) && (!ORST || (h.ORST || '') <= ORST);
}

module.exports = {
	/** @param {Ctx} ctx */
	AddBatchHead(ctx) {
		const { state, input } = ctx;
		const cust = state.customers[input.CUNO];
		if (!cust) throw errors.refMissing('WCU0203', `Customer number ${input.CUNO} does not exist`, 'CUNO');
		// Temporary order numbers come from a number series: strictly increasing, never reused.
		const orno = String(++state.seq.batchOrno);
		const d = today(state);
		state.batchOrders[orno] = {
			ORNO: orno, STAT: BATCH.ENTERED, ORNR: '', errors: [], address: [], lines: [], headCharges: [], lineCharges: [],
			head: {
				...input, CONO: state.cono, CUNO: input.CUNO, ORTP: input.ORTP || cust.ORTP, FACI: input.FACI || state.faci,
				WHLO: input.WHLO || cust.WHLO, MODL: input.MODL || cust.MODL, TEDL: input.TEDL || cust.TEDL,
				CUCD: input.CUCD || cust.CUCD, ORDT: input.ORDT || d, RLDT: input.RLDT || d, CUOR: input.CUOR || '',
				ORSL: '', ORST: '', RGDT: d, LMTS: String(nextLmts(state)),
			},
		};
		return { ORNO: orno };
	},
	/** @param {Ctx} ctx */
	AddBatchAddress(ctx) {
		const b = openBatch(ctx, ctx.input.ORNO);
		b.address = b.address.filter((/** @type {any} */ a) => Number(a.ADRT) !== Number(ctx.input.ADRT));
		b.address.push({ ...ctx.input });
	},
	/** Lines are stored as entered; items are checked at Confirm (as in M3 batch entry). @param {Ctx} ctx */
	AddBatchLine(ctx) {
		const b = openBatch(ctx, ctx.input.ORNO);
		const PONR = String(b.lines.length + 1);
		b.lines.push({ ...ctx.input, PONR, POSX: '0' });
		return { PONR, POSX: '0', ATNR: '0' };
	},
	/** @param {Ctx} ctx */
	AddBatchHeadChg(ctx) {
		const b = openBatch(ctx, ctx.input.ORNO);
		b.headCharges.push({ ...ctx.input });
	},
	/** Head (TYPE 1) and line (TYPE 2, PONR) texts of a batch order, kept in the order at Confirm. @param {Ctx} ctx */
	AddBatchText(ctx) {
		const b = openBatch(ctx, ctx.input.ORNO);
		if (String(ctx.input.TYPE) === '2' && !b.lines.some((/** @type {any} */ l) => Number(l.PONR) === Number(ctx.input.PONR))) {
			throw errors.refMissing('WPO0303', `Order line number ${ctx.input.PONR} does not exist`, 'PONR');
		}
		(b.texts = b.texts || []).push({ TYPE: String(ctx.input.TYPE), PONR: ctx.input.PONR || '', PARM: ctx.input.PARM || '' });
	},
	/** @param {Ctx} ctx */
	AddBatchLineChg(ctx) {
		const b = openBatch(ctx, ctx.input.ORNO);
		if (!b.lines.some((/** @type {any} */ l) => Number(l.PONR) === Number(ctx.input.PONR))) {
			throw errors.refMissing('WPO0303', `Order line number ${ctx.input.PONR} does not exist`, 'PONR');
		}
		b.lineCharges.push({ ...ctx.input });
	},
	/**
	 * Releases the batch order. By default M3-like: answers OK with STAT (90 = order created, 15/25 =
	 * stopped, see LstErrMsgOrder). With the simulator option confirmErrors: 'nok' a stopped batch is a NOK.
	 * @param {Ctx} ctx
	 */
	Confirm(ctx) {
		const b = batchOf(ctx, ctx.input.ORNO);
		confirmBatch(ctx.state, b);
		if (b.STAT !== BATCH.CREATED && ctx.sim.confirmErrors === 'nok') {
			const first = b.errors[0];
			throw new MIError(`Batch order ${b.ORNO} not created, status ${b.STAT}: ${first.TX60}`, { code: first.MSID, field: 'ORNO' });
		}
		return { ORNO: b.ORNO, STAT: b.STAT };
	},
	/** @param {Ctx} ctx */
	GetOrderNo(ctx) {
		return { ORNR: batchOf(ctx, ctx.input.ORNO).ORNR || '' };
	},
	/** @param {Ctx} ctx */
	LstErrMsgOrder(ctx) {
		return batchOf(ctx, ctx.input.ORNO).errors;
	},
	/** Batch orders of a customer by temporary ORNO (released ones stay, status 90). @param {Ctx} ctx */
	*LstBatchHead(ctx) {
		const f = statusFilter(ctx);
		const { CUNO } = ctx.input;
		const h = ctx.state.history;
		const history = h ? (function* () {
			for (const o of h.ordersOf(CUNO)) yield /** @type {any} */ (h.batch(o.batchOrno));
		})() : [];
		const live = Object.values(ctx.state.batchOrders).filter((b) => b.head.CUNO === CUNO).sort(byKey((b) => b.ORNO));
		for (const b of scanCustomer(ctx, history, live, (x) => f(batchHeadRecord(x)))) yield batchHeadRecord(b);
	},
	/** @param {Ctx} ctx */
	GetBatchHead(ctx) {
		return batchHeadRecord(batchOf(ctx, ctx.input.ORNO));
	},
	/** @param {Ctx} ctx */
	DelBatchHead(ctx) {
		openBatch(ctx, ctx.input.ORNO);
		delete ctx.state.batchOrders[ctx.input.ORNO];
	},
	/** @param {Ctx} ctx */
	GetHead(ctx) {
		return orderOf(ctx, ctx.input.ORNO).head;
	},
	/** Orders of a customer by ORNO; every order of the customer is read (ORSL/ORST only filter). @param {Ctx} ctx */
	*LstHead(ctx) {
		const f = statusFilter(ctx);
		const { CUNO } = ctx.input;
		const h = ctx.state.history;
		const history = h ? (function* () {
			for (const o of h.ordersOf(CUNO)) yield o.head;
		})() : [];
		const live = Object.values(ctx.state.orders).map((o) => o.head).filter((x) => x.CUNO === CUNO).sort(byKey((x) => x.ORNO));
		yield* scanCustomer(ctx, history, live, f);
	},
	/**
	 * LES search over order heads, e.g. SQRY "CUOR:113-1234567-1234567": an exact CUOR term is answered from the
	 * search index (rows read = hits); any other query reads every order. @param {Ctx} ctx
	 */
	*SearchHead(ctx) {
		const match = searchMatcher(ctx.input.SQRY);
		const cuor = searchTerm(ctx.input.SQRY, 'CUOR');
		const h = ctx.state.history;
		if (cuor !== undefined) {
			const hits = Object.values(ctx.state.orders).map((o) => o.head).filter((x) => x.CUOR === cuor);
			const old = h && h.orderByCuor(cuor);
			for (const x of old ? [old.head, ...hits] : hits) {
				ctx.read();
				if (match(x)) yield x;
			}
			return;
		}
		const history = h ? (function* () {
			for (const o of h.all()) yield o.order.head;
		})() : [];
		for (const x of [history, Object.values(ctx.state.orders).map((o) => o.head)]) {
			for (const r of x) {
				ctx.read();
				if (match(r)) yield r;
			}
		}
	},
	/** @param {Ctx} ctx */
	GetLine(ctx) {
		const o = orderOf(ctx, ctx.input.ORNO);
		const l = o.lines.find((/** @type {any} */ x) => Number(x.PONR) === Number(ctx.input.PONR)
			&& Number(x.POSX) === Number(ctx.input.POSX || 0));
		if (!l) throw errors.notFound(`order line ${ctx.input.ORNO}/${ctx.input.PONR}`, 'PONR');
		return l;
	},
	/** @param {Ctx} ctx */
	LstLine(ctx) {
		const { ORST, ITNO } = ctx.input;
		return orderOf(ctx, ctx.input.ORNO).lines.filter((/** @type {any} */ l) => (!ORST || l.ORST === ORST) && (!ITNO || l.ITNO === ITNO));
	},
	/** Deletes an order line while it is not on a picking list (lifecycle.js). @param {Ctx} ctx */
	DelLine(ctx) {
		deleteLine(ctx.state, orderOf(ctx, ctx.input.ORNO), ctx.input);
	},
	/** Closes an order line without delivering the rest (status 99; lifecycle.js). @param {Ctx} ctx */
	CloLine(ctx) {
		closeLine(ctx.state, orderOf(ctx, ctx.input.ORNO), ctx.input);
	},
	/** @param {Ctx} ctx */
	LstDelLineByCO(ctx) {
		const o = orderOf(ctx, ctx.input.ORNO);
		const rows = [];
		for (const dlix of o.deliveries) {
			const d = findDelivery(ctx.state, dlix);
			for (const l of d ? d.lines : []) {
				if (Number(l.RIDL) === Number(ctx.input.PONR) && (!ctx.input.POSX || Number(l.RIDX) === Number(ctx.input.POSX))) rows.push(l);
			}
		}
		return rows;
	},
	/** Balances changed after LMTS (all when LMTS is not given). @param {Ctx} ctx */
	LstNewBalances(ctx) {
		const since = ctx.input.LMTS ? Number(ctx.input.LMTS) : -1;
		return Object.values(ctx.state.balances)
			.filter((b) => b.LMTS > since)
			.sort((a, b) => a.LMTS - b.LMTS)
			.map((b) => ({ WHLO: b.WHLO, ITNO: b.ITNO, AV01: str(av01(b)), AV02: str(av02(b)), LTDT: b.ODDT, PFDT: '', LMTS: String(b.LMTS) }));
	},
	/** @param {Ctx} ctx */
	LstWarehBalance(ctx) {
		return Object.values(ctx.state.balances)
			.filter((b) => b.ITNO === ctx.input.ITNO)
			.map((b) => ({ WHLO: b.WHLO, AV01: str(av01(b)), AV02: str(av02(b)), LTDT: b.ODDT, PFDT: '', LMDT: b.IDDT }));
	},
};
