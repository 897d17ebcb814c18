// @ts-check
/**
 * Audit checks on GL batches (GLS840MI) (see ../audit.js): every batch balances; one batch per marketplace + currency
 * + posting window; each batch's clearing line equals Amazon's transactions booked in that window (released ones by
 * their posted date, deferred ones by their release date, still deferred ones nowhere) to the cent; sales of orders
 * M3 invoiced clear the receivable and never reach revenue; VAT on fees as configured. Expected figures are computed
 * here from the SP-API simulator's own transactions, not by the mapping under test.
 */
'use strict';

/**
 * Currency, amount and account of a GL line from its positional PARM (the templates' default GLS850 layout: CUCD at
 * 12-14, CUAM at 15-31, AIT1 at 32-39; a demo run with another layout passes run.gl.parm = { CUCD: [start, length], ... }).
 * @param {string} parm @param {any} [pos]
 */
function parmFields(parm, pos) {
	const p = { CUCD: [12, 3], CUAM: [15, 17], AIT1: [32, 8], ...(pos ?? {}) };
	const field = (/** @type {[number, number]} */ [start, len]) => parm.slice(start - 1, start - 1 + len).trim();
	return { currency: field(p.CUCD), amount: field(p.CUAM), account: field(p.AIT1) };
}

/** @param {import('../audit').AuditContext} ctx */
function batches(ctx) {
	return Object.values(ctx.m3.state.glBatches).map((/** @type {any} */ b) => ({
		b,
		lines: b.lines.map((/** @type {any} */ l) => ({ LINE: l.LINE, ...parmFields(l.PARM, ctx.run.gl?.parm) })),
		// DESC = "<marketplace> <currency> <start>..<end>" (yyyy-MM-ddTHH:mm)
		desc: /^(\S+) ([A-Z]{3}) (\S{16})\.\.(\S{16})$/.exec(String(b.DESC ?? '')),
	}));
}

/** The date a transaction is booked on: posted, or released (DeferredContext.maturityDate); null = still deferred. @param {any} t */
function bookedOn(t) {
	if (t.transactionStatus === 'DEFERRED') return null;
	if (t.transactionStatus === 'DEFERRED_RELEASED') {
		const d = (t.contexts || []).find((/** @type {any} */ c) => c.contextType === 'DeferredContext');
		return d ? d.maturityDate : null;
	}
	return t.postedDate;
}

/** Leaf breakdowns of a transaction: [path, amount]. @param {any[]} bds @param {string} [prefix] @returns {Array<[string, number]>} */
function leaves(bds, prefix = '') {
	/** @type {Array<[string, number]>} */
	const out = [];
	for (const b of bds || []) {
		const key = prefix ? `${prefix}/${b.breakdownType}` : b.breakdownType;
		if (b.breakdowns && b.breakdowns.length) out.push(...leaves(b.breakdowns, key));
		else out.push([key, b.breakdownAmount.currencyAmount]);
	}
	return out;
}

/** @param {any} t */
const network = (t) => {
	const n = new Set((t.items || []).flatMap((/** @type {any} */ it) => (it.contexts || []).map((/** @type {any} */ c) => c.fulfillmentNetwork)).filter(Boolean));
	return n.size === 1 ? [...n][0] : undefined;
};

/**
 * Amazon's transactions per (marketplace name, currency, window) for the windows the demo posted.
 * @param {import('../audit').AuditContext} ctx
 * @returns {Map<string, any[]>}
 */
function expectedByWindow(ctx) {
	/** @type {Map<string, any[]>} */
	const out = new Map();
	for (const w of ctx.run.gl.windows) {
		const s = Date.parse(w.start);
		const e = Date.parse(w.end);
		for (const t of ctx.sp.state.transactions) {
			const on = bookedOn(t);
			if (!on || Date.parse(on) < s || Date.parse(on) >= e) continue;
			const k = `${t.marketplaceDetails.marketplaceName || t.marketplaceDetails.marketplaceId}|${t.totalAmount.currencyCode}|${w.start.slice(0, 16)}`;
			out.set(k, [...(out.get(k) ?? []), t]);
		}
	}
	return out;
}

/** @param {{ desc: RegExpExecArray | null }} x */
const keyOf = (x) => (x.desc ? `${x.desc[1]}|${x.desc[2]}|${x.desc[3]}` : '');

/** Sum of the lines on one account. @param {import('../audit').AuditContext} ctx @param {Array<{ account: string, amount: string }>} lines @param {string} account */
const onAccount = (ctx, lines, account) => ctx.money.sum(lines.filter((l) => l.account === account).map((l) => l.amount));

module.exports = {
	/** Every GL batch balances to the cent, per currency. @param {import('../audit').AuditContext} ctx */
	'gl.balanced'(ctx) {
		const out = [];
		for (const { b, lines } of batches(ctx)) {
			/** @type {Record<string, string[]>} */
			const byCur = {};
			for (const l of lines) {
				if (!/^-?\d+(\.\d+)?$/.test(l.amount)) {
					out.push(`GL batch ${b.KEY1} line ${l.LINE}: amount "${l.amount}" is not a number`);
					continue;
				}
				(byCur[l.currency] = byCur[l.currency] ?? []).push(l.amount);
			}
			for (const [cur, amounts] of Object.entries(byCur)) {
				const total = ctx.money.sum(amounts);
				if (!ctx.money.eq(total, '0')) out.push(`GL batch ${b.KEY1} (${b.DESC}) does not balance in ${cur}: ${total}`);
			}
		}
		return out;
	},
	/** One batch per marketplace + currency + window, each in one currency, KEY1 never shared. @param {import('../audit').AuditContext} ctx */
	'gl.one_batch_per_marketplace_currency_window'(ctx) {
		if (!ctx.run.gl?.windows) return null;
		const out = [];
		/** @type {Map<string, string>} */
		const seen = new Map();
		for (const x of batches(ctx)) {
			if (!x.desc) {
				out.push(`GL batch ${x.b.KEY1}: DESC "${x.b.DESC}" does not name marketplace, currency and window`);
				continue;
			}
			const k = keyOf(x);
			if (seen.has(k)) out.push(`GL batches ${seen.get(k)} and ${x.b.KEY1} both post ${x.desc[1]} ${x.desc[2]} ${x.desc[3]}..${x.desc[4]}`);
			seen.set(k, x.b.KEY1);
			const currencies = new Set(x.lines.map((/** @type {any} */ l) => l.currency));
			if (currencies.size !== 1 || !currencies.has(x.desc[2])) out.push(`GL batch ${x.b.KEY1} (${x.b.DESC}) has lines in ${[...currencies].join(', ')}`);
		}
		return out;
	},
	/**
	 * For every posted window, marketplace and currency: the batch's clearing line = the sum of Amazon's transactions
	 * booked in that window (to the cent); no batch where Amazon booked nothing; a deferred transaction in the window
	 * of its release, never in the window it was posted in while deferred.
	 * @param {import('../audit').AuditContext} ctx
	 */
	'gl.reconciles_to_amazon'(ctx) {
		const settings = ctx.run.gl?.settings;
		if (!ctx.run.gl?.windows || !settings) return null;
		const out = [];
		const expected = expectedByWindow(ctx);
		const posted = new Map(batches(ctx).filter((x) => x.desc).map((x) => [keyOf(x), x]));
		for (const [k, txns] of expected) {
			const want = ctx.money.sum(txns.map((t) => t.totalAmount.currencyAmount));
			const x = posted.get(k);
			const releases = txns.filter((t) => t.transactionStatus === 'DEFERRED_RELEASED').length;
			const what = `${k.replace(/\|/g, ' ')} (${txns.length} transactions${releases ? `, ${releases} deferred released in this window` : ''})`;
			if (!x) {
				if (!ctx.money.eq(want, '0')) out.push(`${what}: Amazon's total ${want}, no GL batch`);
				continue;
			}
			const clearingAccount = settings.accounting?.clearingAccounts?.[txns[0].marketplaceDetails.marketplaceId] || settings.clearingAccount;
			const got = onAccount(ctx, x.lines, clearingAccount);
			if (!ctx.money.eq(got, want)) out.push(`${what}: GL batch ${x.b.KEY1} clears ${got} on ${clearingAccount}, Amazon's total is ${want}`);
		}
		for (const [k, x] of posted) if (!expected.has(k)) out.push(`GL batch ${x.b.KEY1} (${x.b.DESC}) posts a window in which Amazon booked nothing`);
		return out;
	},
	/**
	 * Orders M3 invoiced (MFN, order road): their sales and VAT clear the marketplace customer's receivable, and no
	 * amount of them reaches revenue; FBA sales (settlement road) are revenue net of VAT with the VAT on its account.
	 * @param {import('../audit').AuditContext} ctx
	 */
	/**
	 * FBA orders imported into M3 as shipped are invoiced by M3: the settlement must clear the receivable for them (road
	 * 'order'), else their revenue is booked twice; FBA orders left out of M3 must be booked as revenue (road
	 * 'settlement'). @param {import('../audit').AuditContext} ctx
	 */
	'gl.fba_road_matches_import'(ctx) {
		const m = ctx.run.gl?.settings?.accounting;
		const fba = ctx.run.o2c?.fbaOrders;
		if (!m || !fba) return null;
		const road = { MFN: 'order', AFN: 'settlement', ...(m.roads ?? {}) }.AFN;
		const want = fba === 'importAsShipped' ? 'order' : 'settlement';
		return road === want ? [] : [`order-to-cash ${fba === 'importAsShipped' ? 'imports FBA orders into M3 (invoiced there)' : 'skips FBA orders'}, but payments-to-gl books AFN sales by road '${road}' (must be '${want}')`];
	},
	'gl.invoiced_orders_not_revenue'(ctx) {
		const m = ctx.run.gl?.settings?.accounting;
		if (!ctx.run.gl?.windows || !m) return null;
		const roads = { MFN: 'order', AFN: 'settlement', default: 'settlement', ...(m.roads ?? {}) };
		const out = [];
		const posted = new Map(batches(ctx).filter((x) => x.desc).map((x) => [keyOf(x), x]));
		const map = ctx.run.gl.settings.accountMap ?? {};
		/** @param {string} path */
		const mapped = (path) => {
			const e = map[path] ?? map[path.split('/').pop() ?? ''];
			return typeof e === 'string' ? e : e && e.account;
		};
		for (const [k, txns] of expectedByWindow(ctx)) {
			const x = posted.get(k);
			if (!x) continue;
			/** @type {Record<string, string[]>} expected GL amounts (+ debit) per account */
			const want = {};
			const add = (/** @type {string} */ account, /** @type {number} */ amount) => (want[account] = want[account] ?? []).push(String(-amount));
			for (const t of txns) {
				const road = /** @type {any} */ (roads)[network(t) ?? 'default'];
				for (const [path, amount] of leaves(t.breakdowns)) {
					if (!path.startsWith('Sales/')) continue;
					if (road === 'order') add(m.receivableAccount, amount);
					else if (mapped(path)) add(mapped(path), amount);
					else if (path === 'Sales/Tax') add(m.vatAccount, amount);
					else if (/Facilitator/.test(path)) add(m.marketplaceTaxAccount || m.vatAccount, amount);
					else add(String(t.transactionType).startsWith('Refund') ? m.refundAccount || m.revenueAccount : m.revenueAccount, amount);
				}
			}
			for (const [account, amounts] of Object.entries(want)) {
				const w = ctx.money.sum(amounts);
				const got = onAccount(ctx, x.lines, account);
				const what = account === m.receivableAccount ? 'receivable (MFN sales M3 invoiced)' : account === m.vatAccount ? 'output VAT (FBA)' : 'revenue (FBA)';
				if (!ctx.money.eq(got, w)) out.push(`GL batch ${x.b.KEY1} (${x.b.DESC}): ${what} on ${account} ${got}, from Amazon's sales ${w}`);
			}
			for (const account of [m.revenueAccount, m.refundAccount].filter(Boolean)) {
				if (!want[account] && !ctx.money.eq(onAccount(ctx, x.lines, account), '0')) out.push(`GL batch ${x.b.KEY1} (${x.b.DESC}): revenue on ${account} without an FBA sale`);
			}
		}
		return out;
	},
	/**
	 * VAT on Amazon's fees per marketplace as configured: 'included' = the input VAT contained in each fee type's
	 * total (rate / (100 + rate)); 'reverseCharge' = rate x fees as input and output VAT; none = no VAT lines.
	 * @param {import('../audit').AuditContext} ctx
	 */
	'gl.fee_vat'(ctx) {
		const m = ctx.run.gl?.settings?.accounting;
		if (!ctx.run.gl?.windows || !m || !m.feeVat || !Object.keys(m.feeVat).length) return null;
		const out = [];
		const posted = new Map(batches(ctx).filter((x) => x.desc).map((x) => [keyOf(x), x]));
		for (const [k, txns] of expectedByWindow(ctx)) {
			const x = posted.get(k);
			if (!x) continue;
			const cfg = m.feeVat[txns[0].marketplaceDetails.marketplaceId] ?? m.feeVat['*'];
			if (!cfg || cfg.mode === 'none') continue;
			/** @type {Record<string, string[]>} fee (GL view: + = expense) by fee type */
			const fees = {};
			for (const t of txns) for (const [path, amount] of leaves(t.breakdowns)) if (path.startsWith('Expenses/')) (fees[path.split('/').pop() || path] = fees[path.split('/').pop() || path] ?? []).push(String(-amount));
			const rate = ctx.money.micro(cfg.rate);
			const hundred = ctx.money.micro('100');
			let want;
			if (cfg.mode === 'included') {
				// per fee type: round(fee x rate / (100 + rate))
				want = ctx.money.sum(Object.values(fees).map((f) => ctx.money.text((ctx.money.micro(ctx.money.sum(f)) * rate) / (hundred + rate))));
			} else want = ctx.money.text((ctx.money.micro(ctx.money.sum(Object.values(fees).flat())) * rate) / hundred);
			const got = onAccount(ctx, x.lines, cfg.inputAccount);
			if (!ctx.money.eq(got, want)) out.push(`GL batch ${x.b.KEY1} (${x.b.DESC}): input VAT on fees ${got} on ${cfg.inputAccount}, ${cfg.mode} ${cfg.rate}% of the fees gives ${want}`);
			if (cfg.mode === 'reverseCharge') {
				const output = onAccount(ctx, x.lines, cfg.outputAccount);
				if (!ctx.money.eq(output, ctx.money.sub('0', want))) out.push(`GL batch ${x.b.KEY1} (${x.b.DESC}): reverse-charge output VAT ${output} on ${cfg.outputAccount}, expected ${ctx.money.sub('0', want)}`);
			}
		}
		return out;
	},
};
