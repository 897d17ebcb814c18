// @ts-check
/**
 * EXPORTMI - Data export: `Select` runs a small SQL-like query against one M3 table and returns every row as one
 * REPL string, the columns joined by SEPC (default ';'), HDRS=1 adding a first row with the column names.
 * m3-mi-ion.md §3.9; public usage: `QERY=F1PK01, F1A030 from CUGEX1 where F1FILE = 'X'`, `... where MUITNO = 'A' and
 * MUAUTP = '1'`, `count(*) from OCUSMA where ...`, and paging by "cursor_col >= last max" with maxrecs (EXPORTMI has
 * no paging of its own). docs/contracts.md "EXPORTMI" names the sources.
 *
 * The simulator knows the tables MHDISH (delivery heads, columns OQ + the MWS410MI field names, plus OQCONO/OQINOU),
 * live and historical, OOHEAD (customer order heads, columns OA + the OIS100MI field names, by OALMTS) and OCHEAD
 * (customer return heads, columns OC + the OIS390MI field names). The subset it understands: `<columns | * | count(*)> from <TABLE> [where <c> and <c> ...]`,
 * each condition `COLUMN <op> <number | 'text'>` with op =, <>, !=, >, >=, <, <=. Anything else is refused (NOK) so a
 * client never relies on syntax the simulator only pretends to support.
 *
 * Rows read: a condition `OQDLIX = n` reads one key; a range on OQLMTS reads its index range (the simulator assumes an
 * index on the change timestamp; whether MHDISH has one on a tenant is not documented: docs/contracts.md); anything
 * else reads the whole table. Rows come in the order of the index used (LMTS, else DLIX).
 */
'use strict';

const { MIError } = require('../errors');

/** @typedef {import('../server').TxContext} Ctx */
/** @typedef {{ col: string, op: string, value: string, numeric: boolean }} Cond */

/** @param {string} message */
const unsupported = (message) => new MIError(`EXPORTMI query not supported by the M3 simulator: ${message}`, { code: 'SIM0002', field: 'QERY' });

/** @param {string} text */
function parseQuery(text) {
	const q = String(text || '').trim();
	const m = /^(.+?)\s+from\s+([A-Za-z0-9]{4,10})(?:\s+where\s+(.+))?$/is.exec(q);
	if (!m) throw unsupported('expected "<columns> from <TABLE> [where ...]"');
	const colsText = m[1].trim();
	const table = m[2].toUpperCase();
	const count = /^count\(\s*[*#]\s*\)$/i.test(colsText);
	const columns = count || colsText === '*' ? null : colsText.split(',').map((c) => c.trim().toUpperCase());
	if (columns && columns.some((c) => !/^[A-Z0-9]{6}$/.test(c))) throw unsupported(`column list "${colsText}"`);
	/** @type {Cond[]} */
	const conds = [];
	if (m[3]) {
		for (const part of m[3].split(/\s+and\s+/i)) {
			const c = /^\s*([A-Za-z0-9]{6})\s*(>=|<=|<>|!=|=|>|<)\s*('(?:[^']*)'|-?\d+(?:\.\d+)?)\s*$/.exec(part);
			if (!c || /\s+or\s+/i.test(part)) throw unsupported(`condition "${part.trim()}"`);
			const quoted = c[3].startsWith("'");
			conds.push({ col: c[1].toUpperCase(), op: c[2], value: quoted ? c[3].slice(1, -1) : c[3], numeric: !quoted });
		}
	}
	return { table, columns, count, conds };
}

/** @param {string} a @param {string} b */
function compare(a, b) {
	const x = String(a === undefined || a === null ? '' : a).trim();
	const y = String(b).trim();
	if (/^-?\d+(\.\d+)?$/.test(x) && /^-?\d+(\.\d+)?$/.test(y)) return Number(x) - Number(y);
	return x < y ? -1 : x > y ? 1 : 0;
}

/** @param {Record<string, string>} row @param {Cond} c */
function holds(row, c) {
	if (!(c.col in row)) throw new MIError(`Field ${c.col} does not exist`, { code: 'SIM0003', field: 'QERY' });
	const d = compare(row[c.col], c.value);
	switch (c.op) {
		case '=':
			return d === 0;
		case '<>':
		case '!=':
			return d !== 0;
		case '>':
			return d > 0;
		case '>=':
			return d >= 0;
		case '<':
			return d < 0;
		default:
			return d <= 0;
	}
}

/** MHDISH row of a delivery head. @param {Ctx} ctx @param {any} head */
function mhdishRow(ctx, head) {
	/** @type {Record<string, string>} */
	const row = { OQCONO: ctx.state.cono, OQINOU: '1' };
	for (const [k, v] of Object.entries(head)) row[`OQ${k}`] = v === undefined || v === null ? '' : String(v);
	if (!row.OQCONA) row.OQCONA = '';
	return row;
}

/**
 * MHDISH rows in the order of the index the conditions allow, each counted as read when visited.
 * @param {Ctx} ctx @param {Cond[]} conds
 */
function* mhdish(ctx, conds) {
	const h = ctx.state.history;
	const live = Object.values(ctx.state.deliveries);
	const key = conds.find((c) => c.col === 'OQDLIX' && c.op === '=');
	if (key) {
		const { findDelivery } = require('../state');
		const d = findDelivery(ctx.state, key.value);
		if (d) {
			ctx.read();
			yield mhdishRow(ctx, d.head);
		}
		return;
	}
	const lower = conds.filter((c) => c.col === 'OQLMTS' && (c.op === '>' || c.op === '>=' || c.op === '=') && c.numeric);
	if (lower.length) {
		const from = Math.max(...lower.map((c) => Number(c.value)));
		if (h) {
			for (let i = h.firstDeliveryAtLmts(from); i < h.count; i++) {
				const x = h.at(i);
				ctx.read();
				yield mhdishRow(ctx, x.delivery.head);
			}
		}
		const sorted = live.filter((d) => Number(d.head.LMTS) >= from).sort((a, b) => Number(a.head.LMTS) - Number(b.head.LMTS) || Number(a.head.DLIX) - Number(b.head.DLIX));
		for (const d of sorted) {
			ctx.read();
			yield mhdishRow(ctx, d.head);
		}
		return;
	}
	if (h) {
		for (const x of h.all()) {
			ctx.read();
			yield mhdishRow(ctx, x.delivery.head);
		}
	}
	for (const d of live.sort((a, b) => Number(a.head.DLIX) - Number(b.head.DLIX))) {
		ctx.read();
		yield mhdishRow(ctx, d.head);
	}
}

/** OOHEAD row of a customer order head (columns OA + the OIS100MI field names). @param {Ctx} ctx @param {any} head */
function ooheadRow(ctx, head) {
	/** @type {Record<string, string>} */
	const row = { OACONO: ctx.state.cono };
	for (const [k, v] of Object.entries(head)) row[`OA${k}`] = v === undefined || v === null ? '' : String(v);
	return row;
}

/**
 * OOHEAD rows, historical and live: by the change timestamp OALMTS when a lower bound is given (index range), else
 * every row. @param {Ctx} ctx @param {Cond[]} conds
 */
function* oohead(ctx, conds) {
	const live = Object.values(ctx.state.orders);
	const lower = conds.filter((c) => c.col === 'OALMTS' && (c.op === '>' || c.op === '>=' || c.op === '=') && c.numeric);
	const from = lower.length ? Math.max(...lower.map((c) => Number(c.value))) : -Infinity;
	const h = ctx.state.history;
	if (h) {
		// historical orders change with their delivery: the same LMTS index range
		for (let i = lower.length ? h.firstDeliveryAtLmts(from) : 0; i < h.count; i++) {
			ctx.read();
			yield ooheadRow(ctx, h.at(i).order.head);
		}
	}
	const sorted = live.filter((o) => Number(o.head.LMTS) >= from).sort((a, b) => Number(a.head.LMTS) - Number(b.head.LMTS) || Number(a.head.ORNO) - Number(b.head.ORNO));
	for (const o of sorted) {
		ctx.read();
		yield ooheadRow(ctx, o.head);
	}
}

/**
 * OCHEAD rows: customer return heads (OIS390MI AddHead; columns OC + the OIS390MI field names). @param {Ctx} ctx
 */
function* ochead(ctx) {
	for (const r of Object.values(ctx.state.returns || {})) {
		ctx.read();
		/** @type {Record<string, string>} */
		const row = { OCCONO: ctx.state.cono };
		for (const [k, v] of Object.entries(/** @type {any} */ (r).head)) row[`OC${k}`] = v === undefined || v === null ? '' : String(v);
		yield row;
	}
}

/** @type {Record<string, (ctx: Ctx, conds: Cond[]) => Iterable<Record<string, string>>>} */
const TABLES = { MHDISH: mhdish, OOHEAD: oohead, OCHEAD: ochead };

module.exports = {
	/** @param {Ctx} ctx */
	*Select(ctx) {
		const q = parseQuery(ctx.input.QERY);
		const table = TABLES[q.table];
		if (!table) throw new MIError(`Table ${q.table} is not available in the M3 simulator`, { code: 'SIM0004', field: 'QERY' });
		const sep = ctx.input.SEPC || ';';
		const rows = table(ctx, q.conds);
		if (q.count) {
			let n = 0;
			for (const r of rows) if (q.conds.every((c) => holds(r, c))) n++;
			yield { REPL: String(n) };
			return;
		}
		let header = ctx.input.HDRS === '1';
		for (const r of rows) {
			if (!q.conds.every((c) => holds(r, c))) continue;
			const cols = q.columns || Object.keys(r);
			for (const c of cols) if (!(c in r)) throw new MIError(`Field ${c} does not exist`, { code: 'SIM0003', field: 'QERY' });
			if (header) {
				header = false;
				yield { REPL: cols.join(sep) };
			}
			yield { REPL: cols.map((c) => String(r[c]).trim()).join(sep) };
		}
	},
};
