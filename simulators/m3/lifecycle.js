// @ts-check
/**
 * Order lifecycle after Confirm: deleting and closing customer order lines (OIS100MI DelLine / CloLine), as M3 does
 * it for a cancelled or unfulfillable line. A line may be deleted or closed while nothing of it is on a picking list
 * or delivered (status below 44, m3-mi-ion.md §3.2); its allocation and reservation are released. A deleted line
 * leaves the order (kept in `deletedLines` for the audit and the demo); a closed line stays with status 99
 * ("completed without delivery"). An order without lines left has status 90/90 (9 = deleted).
 */
'use strict';

const { touchBalance, getBalance, nextLmts, today } = require('./state');
const { num, str } = require('./transactions/util');
const { MIError, errors } = require('./errors');

/** Lines from this status on are being picked or are delivered: too late (M3 §3.2: 4 = on picking list). */
const PICKING = 44;
/** M3 message id the simulator answers with when a line is too far on (simulator's own id, documented in its README). */
const TOO_FAR = 'OI10044';

/** @param {any} order @param {string} ponr @param {string} [posx] */
function findLine(order, ponr, posx) {
	return order.lines.find((/** @type {any} */ l) => Number(l.PONR) === Number(ponr) && Number(l.POSX || 0) === Number(posx || 0));
}

/** Releases what the line holds in its warehouse (allocated, reserved). @param {any} state @param {any} line */
function release(state, line) {
	const b = getBalance(state, line.WHLO, line.ITNO);
	if (!b) return;
	b.ALQT = Math.max(0, b.ALQT - num(line.ALQT));
	b.REQT = Math.max(0, b.REQT - Math.max(0, num(line.ORQT) - num(line.DLQT)));
	touchBalance(state, b);
}

/** @param {any} order @param {any} line @param {string} what */
function checkOpen(order, line, what) {
	if (Number(line.ORST) >= PICKING && Number(line.ORST) < 90) {
		throw new MIError(`Order line ${order.head.ORNO}/${line.PONR} has status ${line.ORST} and cannot be ${what}`, { code: TOO_FAR, field: 'PONR' });
	}
}

/** @param {any} state @param {any} order */
function refresh(state, order) {
	const { refreshHead, orderTotals } = require('./orders');
	refreshHead(order);
	// with VAT the amounts are fixed at Confirm: M3 recalculates them when a line goes
	if (state.vat && order.vatLines) Object.assign(order, orderTotals(state, order, state.customers[order.head.CUNO]));
	if (!order.lines.length) {
		order.head.ORSL = '90';
		order.head.ORST = '90';
		order.head.STAT = '90';
	}
	order.head.LMTS = String(nextLmts(state));
}

/**
 * OIS100MI/DelLine. @param {any} state @param {any} order @param {Record<string, string>} input
 */
function deleteLine(state, order, input) {
	const line = findLine(order, input.PONR, input.POSX);
	if (!line) throw errors.notFound(`order line ${order.head.ORNO}/${input.PONR}`, 'PONR');
	checkOpen(order, line, 'deleted');
	release(state, line);
	order.lines = order.lines.filter((/** @type {any} */ l) => l !== line);
	(order.deletedLines = order.deletedLines || []).push({ ...line, RSCD: input.RSCD || '', OT65: input.OT65 || '', deletedOn: today(state) });
	refresh(state, order);
}

/**
 * OIS100MI/CloLine: the open quantity will not be delivered (status 99). @param {any} state @param {any} order
 * @param {Record<string, string>} input
 */
function closeLine(state, order, input) {
	const line = findLine(order, input.PONR, input.POSX);
	if (!line) throw errors.notFound(`order line ${order.head.ORNO}/${input.PONR}`, 'PONR');
	if (line.ORST === '99') return;
	checkOpen(order, line, 'closed');
	release(state, line);
	line.ALQT = '0';
	line.RNQT = str(num(line.ORQT) - num(line.DLQT));
	line.ORST = '99';
	refresh(state, order);
}

module.exports = { deleteLine, closeLine, PICKING, TOO_FAR };
