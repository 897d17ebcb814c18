// @ts-check
/** Audit checks on GL batches (GLS840MI) (see ../audit.js). */
'use strict';

/**
 * Amount and currency of a GL line from its positional PARM (the templates' default GLS850 layout: CUCD at
 * 12-14, CUAM at 15-31; a demo run with another layout passes run.gl.parm = { CUCD: [start, length], CUAM: [...] }).
 * @param {string} parm @param {any} [pos]
 */
function parmAmount(parm, pos) {
	const p = pos ?? { CUCD: [12, 3], CUAM: [15, 17] };
	const field = (/** @type {[number, number]} */ [start, len]) => parm.slice(start - 1, start - 1 + len).trim();
	return { currency: field(p.CUCD), amount: field(p.CUAM) };
}

module.exports = {
	/** Every GL batch balances to the cent, per currency. @param {import('../audit').AuditContext} ctx */
	'gl.balanced'(ctx) {
		const out = [];
		for (const b of Object.values(ctx.m3.state.glBatches)) {
			const batch = /** @type {any} */ (b);
			/** @type {Record<string, string[]>} */
			const byCur = {};
			for (const l of batch.lines) {
				const { currency, amount } = parmAmount(l.PARM, ctx.run.gl?.parm);
				if (!/^-?\d+(\.\d+)?$/.test(amount)) {
					out.push(`GL batch ${batch.KEY1} line ${l.LINE}: amount "${amount}" is not a number`);
					continue;
				}
				(byCur[currency] = byCur[currency] ?? []).push(amount);
			}
			for (const [cur, amounts] of Object.entries(byCur)) {
				const total = ctx.money.sum(amounts);
				if (!ctx.money.eq(total, '0')) out.push(`GL batch ${batch.KEY1} (${batch.DESC}) does not balance in ${cur}: ${total}`);
			}
		}
		return out;
	},
};
