/**
 * Worlds (simulators/worlds) and the audit framework: the eu-us world's data as both simulators serve it, M3's VAT
 * on a confirmed order, deliveries in every progress state, and the audit catching what it must.
 */
import { startM3Simulator } from '../../simulators/m3';
import { startSpApiSimulator } from '../../simulators/spapi';
import { loadWorld } from '../../simulators/worlds';
import { runAudit, loadChecks, formatAudit } from '../../simulators/worlds/audit';
import { order2026 } from '../../simulators/spapi/views';
import { Sim, v2, v2one } from './m3/client';
import { financesToGlBatch, type LedgerOptions } from '../../nodes/shared/mapping/ledger';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const sumOf = (xs: Json[], type: string) => xs.filter((b) => b.type === type).reduce((s, b) => s + Number(b.subtotal.amount), 0);

describe('world eu-us: Amazon side', () => {
	let sp: Awaited<ReturnType<typeof startSpApiSimulator>>;
	beforeAll(async () => {
		sp = await startSpApiSimulator({ world: 'eu-us' });
	});
	afterAll(() => sp.close());

	const orders = () => [...sp.state.orders.values()] as Json[];
	const render = (o: Json) => order2026(o, ['PROCEEDS', 'TAX', 'FULFILLMENT', 'BUYER']) as Json;

	test('the seller participates in DE, FR, IT, ES, UK and US with their currencies', () => {
		expect(sp.state.marketplaces.map((m: Json) => `${m.countryCode}:${m.currency}`)).toEqual(['DE:EUR', 'FR:EUR', 'IT:EUR', 'ES:EUR', 'GB:GBP', 'US:USD']);
		const byCountry = new Set(orders().map((o) => o.country));
		expect([...byCountry].sort()).toEqual(['DE', 'ES', 'FR', 'IT', 'UK', 'US']);
	});

	test('a German consumer price includes 19 % VAT: 9.99 + shipping 4.99 -> TAX 1.60 + 0.80, total 14.98', () => {
		const o = orders().find((x) => x.country === 'DE' && x.status === 'UNSHIPPED' && !x.isBusiness && x.items.length === 1 && x.items[0].quantity === 1 && x.items[0].unitPrice === 9.99);
		expect(o).toBeDefined();
		const it = render(o as Json).orderItems[0];
		const b = it.proceeds.breakdowns;
		expect(sumOf(b, 'ITEM')).toBeCloseTo(9.99, 10);
		// 9.99 * 19 / 119 = 1.5950..., 4.99 * 19 / 119 = 0.7967...
		expect(b.find((x: Json) => x.type === 'TAX').detailedBreakdowns).toEqual([
			{ subtype: 'ITEM', value: { amount: '1.60', currencyCode: 'EUR' } },
			{ subtype: 'SHIPPING', value: { amount: '0.80', currencyCode: 'EUR' } },
		]);
		// VAT-inclusive: the total is what the buyer pays, the tax is not added again
		expect(it.proceeds.proceedsTotal).toEqual({ amount: '14.98', currencyCode: 'EUR' });
	});

	test('business buyers: VAT id in tax.taxRegistrations; from another EU country -> no VAT charged (reverse charge)', () => {
		const b2b = orders().filter((o) => o.isBusiness);
		expect(b2b.length).toBeGreaterThanOrEqual(4);
		for (const o of b2b) {
			const r = render(o);
			expect(r.tax.taxRegistrations[0]).toMatchObject({ entityType: 'BUYER', taxRegistrationType: 'VAT' });
			const vatCountry = r.tax.taxRegistrations[0].taxRegistrationAddress.countryCode;
			const tax = r.orderItems.reduce((s: number, it: Json) => s + sumOf(it.proceeds?.breakdowns ?? [], 'TAX'), 0);
			if (vatCountry !== 'DE' && o.status !== 'CANCELLED') expect(tax).toBe(0);
			if (vatCountry === 'DE') expect(tax).toBeGreaterThan(0);
		}
		expect(b2b.some((o) => o.taxRegistrations[0].taxRegistrationAddress.countryCode === 'DE')).toBe(true);
	});

	test('US: prices exclude sales tax, Amazon collects it (marketplace facilitator)', () => {
		const us = orders().filter((o) => o.country === 'US' && o.status === 'UNSHIPPED');
		expect(us.length).toBeGreaterThan(2);
		for (const o of us) {
			for (const it of render(o).orderItems) {
				expect(it.tax.taxCollections[0].model).toBe('MARKETPLACE_FACILITATOR');
				const b = it.proceeds.breakdowns;
				const total = sumOf(b, 'ITEM') + sumOf(b, 'SHIPPING') + sumOf(b, 'GIFT_WRAP') + sumOf(b, 'DISCOUNT') + sumOf(b, 'TAX');
				expect(Number(it.proceeds.proceedsTotal.amount)).toBeCloseTo(total, 6);
			}
		}
	});

	test('UK: small consignments are the deemed supplier\'s (Amazon collects the VAT), a larger one is the seller\'s', () => {
		const uk = orders().filter((o) => o.country === 'UK' && o.status === 'UNSHIPPED').map(render);
		const collected = uk.filter((r) => r.orderItems[0].tax?.taxCollections);
		expect(collected.length).toBeGreaterThan(0);
		expect(uk.length - collected.length).toBeGreaterThan(0);
	});

	test('finances: EUR, GBP and USD transactions on the same day; deferred, released and refunds; breakdowns add up', () => {
		const tx = sp.state.transactions as Json[];
		const days = new Map<string, Set<string>>();
		for (const t of tx) {
			const d = t.postedDate.slice(0, 10);
			days.set(d, (days.get(d) ?? new Set()).add(t.totalAmount.currencyCode));
		}
		expect([...days.values()].some((s) => s.size >= 2)).toBe(true);
		expect(new Set(tx.map((t) => t.totalAmount.currencyCode))).toEqual(new Set(['EUR', 'GBP', 'USD']));
		const deferred = tx.filter((t) => t.transactionStatus === 'DEFERRED');
		const released = tx.filter((t) => t.transactionStatus === 'DEFERRED_RELEASED');
		expect(deferred.length).toBeGreaterThan(0);
		expect(released.length).toBeGreaterThan(0);
		const maturity = (t: Json) => Date.parse(t.contexts.find((c: Json) => c.contextType === 'DeferredContext').maturityDate);
		for (const t of deferred) expect(maturity(t)).toBeGreaterThan(Date.now());
		for (const t of released) expect(maturity(t)).toBeLessThan(Date.now());
		const refunds = tx.filter((t) => t.transactionType === 'Refund');
		expect(refunds.length).toBeGreaterThan(1);
		for (const t of refunds) expect(t.breakdowns[0].breakdownAmount.currencyAmount).toBeLessThan(0);
		const networks = new Set(tx.flatMap((t) => t.items.flatMap((i: Json) => i.contexts.map((c: Json) => c.fulfillmentNetwork))));
		expect(networks).toEqual(new Set(['MFN', 'AFN']));
		for (const t of tx) {
			let cents = 0;
			const walk = (bs: Json[]) => bs.forEach((b) => (b.breakdowns?.length ? walk(b.breakdowns) : (cents += Math.round(b.breakdownAmount.currencyAmount * 100))));
			walk(t.breakdowns);
			expect(cents).toBe(Math.round(t.totalAmount.currencyAmount * 100));
		}
	});

	test('FBA SKUs are listed on Amazon\'s channel only', () => {
		const fba = [...sp.state.listings.values()].filter((l: Json) => l.channel !== 'DEFAULT') as Json[];
		expect(fba.length).toBeGreaterThan(5);
		for (const l of fba) {
			expect(l.sku).toMatch(/-FBA$/);
			expect(l.fba.fulfillable).toBeGreaterThan(0);
		}
	});
});

describe('world eu-us: M3 side', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ world: 'eu-us' });
	});
	afterAll(() => sim.close());

	async function order(CUNO: string, address: Json, lines: Json[], charges: Json[] = []) {
		const temp = (await v2one(sim, 'OIS100MI', 'AddBatchHead', { CUNO, ORTP: 'A01', WHLO: '100', CUOR: `T-${Math.random()}`.slice(0, 20) })).ORNO;
		await v2(sim, 'OIS100MI', 'AddBatchAddress', { ORNO: temp, ADRT: 1, CUNM: 'Buyer', CUA1: 'Street 1', TOWN: 'Town', ...address });
		for (const l of lines) await v2(sim, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ...l });
		for (const c of charges) await v2(sim, 'OIS100MI', 'AddBatchHeadChg', { ORNO: temp, ...c });
		const conf = await v2one(sim, 'OIS100MI', 'Confirm', { ORNO: temp });
		const ORNR = (await v2one(sim, 'OIS100MI', 'GetOrderNo', { ORNO: temp })).ORNR;
		return { conf, ORNR, head: ORNR ? await v2one(sim, 'OIS100MI', 'GetHead', { ORNO: ORNR }) : undefined };
	}

	test('three warehouses, FBA SKUs as aliases, customers with their VAT code', () => {
		// and the stock at Amazon (FBA orders imported as shipped)
		expect(Object.keys(sim.state.warehouses).sort()).toEqual(['100', '110', '300', 'FBA']);
		expect(sim.state.aliases.some((a: Json) => a.POPN.endsWith('-FBA'))).toBe(true);
		expect(sim.state.customers.AMZUS01.VTCD).toBe('09');
		expect(sim.state.customers.AMZDE01.VTCD).toBe('');
	});

	test('VAT on net prices: 2 x 8.39 + shipping 4.19 in DE at 19 % -> VAT 3.98, total 24.95', async () => {
		// net 16.78 + 4.19 = 20.97; 20.97 * 0.19 = 3.9843 -> 3.98 ... computed once per VAT code on the sum
		const r = await order('AMZDE01', { CSCD: 'DE', PONO: '10115' }, [{ ITNO: 'MUG20001', ORQT: '2', SAPR: '8.39' }], [{ CRID: 'SHIP', CRAM: '4.19', CUCD: 'EUR' }]);
		expect(r.conf.STAT).toBe('90');
		expect(r.head).toMatchObject({ VTCD: '01', NTAM: '16.78', EXAM: '4.19', VTAM: '3.98', TOPY: '24.95' });
	});

	test('OSS: the same order delivered to France carries French VAT (20 %)', async () => {
		const r = await order('AMZFR01', { CSCD: 'FR', PONO: '75004' }, [{ ITNO: 'MUG20001', ORQT: '1', SAPR: '10.00' }]);
		expect(r.head).toMatchObject({ VTCD: '01', VTAM: '2.00', TOPY: '12.00' });
	});

	test('reverse charge: a French VAT id on the delivery address of goods leaving Germany -> EU code 08, no VAT', async () => {
		const r = await order('AMZFR01', { CSCD: 'FR', PONO: '75004', VRNO: 'FR40303265045' }, [{ ITNO: 'MUG20001', ORQT: '3', SAPR: '8.39' }]);
		expect(r.head).toMatchObject({ VTCD: '08', VTAM: '0.00', TOPY: '25.17' });
		// a German VAT id on a German delivery is a domestic sale
		const d = await order('AMZDE01', { CSCD: 'DE', PONO: '10115', VRNO: 'DE811907980' }, [{ ITNO: 'MUG20001', ORQT: '1', SAPR: '10.00' }]);
		expect(d.head).toMatchObject({ VTCD: '01', VTAM: '1.90' });
	});

	test('tax collected by the marketplace (VAT code 09 on the customer): no VAT on the invoice; rounding charge RND has none', async () => {
		const r = await order('AMZUS01', { CSCD: 'US', PONO: '98101', ECAR: 'WA' }, [{ ITNO: 'LMP20004', WHLO: '300', ORQT: '1', SAPR: '26.90' }], [{ CRID: 'SHIP', CRAM: '5.99', CUCD: 'USD' }]);
		expect(r.head).toMatchObject({ VTCD: '09', VTAM: '0.00', TOPY: '32.89' });
		const d = await order('AMZDE01', { CSCD: 'DE', PONO: '10115' }, [{ ITNO: 'MUG20001', ORQT: '1', SAPR: '10.00' }], [{ CRID: 'RND', CRAM: '0.01', CUCD: 'EUR' }]);
		expect(d.head).toMatchObject({ VTAM: '1.90', TOPY: '11.91' });
	});

	test('a delivery country without a VAT rate stops the batch order (as M3 does)', async () => {
		const r = await order('AMZDE01', { CSCD: 'NO', PONO: '0150' }, [{ ITNO: 'MUG20001', ORQT: '1', SAPR: '10.00' }]);
		expect(r.conf.STAT).toBe('15');
		expect(r.ORNR).toBe('');
	});

	test('deliveries: in picking with a tracking number (not issued), issued later; a partial delivery', async () => {
		const r = await order('AMZDE01', { CSCD: 'DE', PONO: '10115' }, [{ ITNO: 'MUG20001', ORQT: '4', SAPR: '8.39' }, { ITNO: 'TSH20002', ORQT: '1', SAPR: '10.49' }]);
		const ORNO = r.ORNR as string;
		const bal = () => sim.state.balances['100|MUG20001'].STQT;
		const before = bal();
		const part = sim.control.ship(ORNO, { lines: [{ PONR: 1, qty: 2 }] }) as Json;
		expect(part.PGRS).toBe('60');
		expect(bal()).toBe(before - 2);
		const pick = sim.control.ship(ORNO, { pgrs: '05' }) as Json;
		expect(pick.PGRS).toBe('05');
		expect(pick.ETRN).not.toBe('');
		expect(bal()).toBe(before - 2);
		const o = sim.state.orders[ORNO];
		// line 1: 2 delivered, 2 in picking (partly delivered, 46); line 2: in picking (44)
		expect(o.lines.map((l: Json) => l.ORST)).toEqual(['46', '44']);
		const issued = sim.control.issue(pick.DLIX) as Json;
		expect(issued).toMatchObject({ PGRS: '60', ETRN: pick.ETRN });
		expect(bal()).toBe(before - 4);
		expect(o.lines.map((l: Json) => l.ORST)).toEqual(['66', '66']);
		expect((sim.control.issue(pick.DLIX) as Json).status).toBe(409);
		const untracked = await order('AMZDE01', { CSCD: 'DE', PONO: '10115' }, [{ ITNO: 'MUG20001', ORQT: '1', SAPR: '8.39' }]);
		expect((sim.control.ship(untracked.ORNR as string, { trackingNumber: null }) as Json).ETRN).toBe('');
	});
});

describe('world eu-us: fulfilment', () => {
	test('the imported orders get deliveries in every progress state', async () => {
		const sim = await startM3Simulator({ world: 'eu-us' });
		try {
			const ornos: string[] = [];
			for (let i = 0; i < 7; i++) {
				const temp = (await v2one(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZDE01', WHLO: '100', CUOR: `F-${i}` })).ORNO;
				await v2(sim, 'OIS100MI', 'AddBatchAddress', { ORNO: temp, ADRT: 1, CUNM: 'B', CUA1: 'S', TOWN: 'T', CSCD: 'DE' });
				await v2(sim, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'MUG20001', ORQT: '3', SAPR: '8.39' });
				await v2(sim, 'OIS100MI', 'Confirm', { ORNO: temp });
				ornos.push((await v2one(sim, 'OIS100MI', 'GetOrderNo', { ORNO: temp })).ORNR);
			}
			const done = loadWorld('eu-us').demo.fulfil(sim, ornos);
			const states = done.map((d: Json) => `${d.state}:${d.deliveries.map((x: Json) => `${x.PGRS}${x.ETRN ? 'T' : '-'}`).join('+')}`);
			expect(states).toEqual(['issued:60T', 'invoiced:70T', 'picking-tracked:05T', 'picking:05-', 'partial:60T+05-', 'issued-untracked:60-', 'open:']);
		} finally {
			await sim.close();
		}
	});
});

describe('audit: VAT checks see what the old mapping did wrong', () => {
	let m3: Sim;
	let sp: Awaited<ReturnType<typeof startSpApiSimulator>>;
	beforeAll(async () => {
		m3 = await startM3Simulator({ world: 'eu-us' });
		sp = await startSpApiSimulator({ world: 'eu-us' });
	});
	afterAll(async () => {
		await m3.close();
		await sp.close();
	});
	const world = loadWorld('eu-us');
	async function m3Order(a: Json, lines: Json[], charges: Json[], address: Json = {}) {
		const temp = (await v2one(m3, 'OIS100MI', 'AddBatchHead', { CUNO: a.country === 'DE' ? 'AMZDE01' : 'AMZFR01', WHLO: '100', CUOR: a.orderId })).ORNO;
		await v2(m3, 'OIS100MI', 'AddBatchAddress', { ORNO: temp, ADRT: 1, CUNM: 'B', CUA1: 'S', TOWN: 'T', CSCD: a.address.countryCode, ...address });
		for (const l of lines) await v2(m3, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ...l });
		for (const c of charges) await v2(m3, 'OIS100MI', 'AddBatchHeadChg', { ORNO: temp, ...c });
		await v2(m3, 'OIS100MI', 'Confirm', { ORNO: temp });
		return (await v2one(m3, 'OIS100MI', 'GetOrderNo', { ORNO: temp })).ORNR;
	}

	test('gross price sent as SAPR: net price and invoice total violated; net price + rounding charge: none', async () => {
		const a = [...sp.state.orders.values()].find((x: Json) => x.country === 'DE' && x.status === 'UNSHIPPED' && x.items.length === 1 && x.items[0].unitPrice === 9.99) as Json;
		const it = a.items[0];
		// the old mapping: 9.99 and 4.99 as they come -> M3 net 14.98 + 19 % VAT 2.85 = 17.83 for an order paid 14.98
		const wrong = await m3Order(a, [{ ITNO: 'MUG20001', ORQT: '1', SAPR: '9.99', CUOR: it.orderItemId }], [{ CRID: 'SHIP', CRAM: '4.99', CUCD: 'EUR' }]);
		const bad = runAudit({ world, m3, sp, run: {} }, { only: ['vat.'] });
		expect(bad.violations.map((v) => v.check)).toEqual(['vat.invoice_total', 'vat.net_price']);
		expect(bad.violations[0].message).toMatch(/M3 total 17\.83 .*due 14\.98/);
		delete m3.state.orders[wrong];
		// net: 9.99 - 1.60 = 8.39, 4.99 - 0.80 = 4.19; M3 VAT 12.58 * 19 % = 2.39 (Amazon: 2.40) -> RND 0.01 -> 14.98
		await m3Order(a, [{ ITNO: 'MUG20001', ORQT: '1', SAPR: '8.39', CUOR: it.orderItemId }], [{ CRID: 'SHIP', CRAM: '4.19', CUCD: 'EUR' }, { CRID: 'RND', CRAM: '0.01', CUCD: 'EUR' }]);
		expect(runAudit({ world, m3, sp, run: {} }, { only: ['vat.'] }).violations).toEqual([]);
	});

	test('a reverse-charge order without the buyer\'s VAT id is a violation (and gets VAT)', async () => {
		const a = [...sp.state.orders.values()].find((x: Json) => x._tax.scheme === 'REVERSE_CHARGE' && x.status === 'UNSHIPPED' && x.country === 'FR') as Json;
		const it = a.items[0];
		await m3Order(a, [{ ITNO: 'MUG20001', ORQT: String(it.quantity), SAPR: String(it.unitPrice), CUOR: it.orderItemId }], [{ CRID: 'SHIP', CRAM: String(it.shipping), CUCD: 'EUR' }]);
		const r = runAudit({ world, m3, sp, run: {} }, { only: ['vat.reverse_charge'] });
		expect(r.violations.map((v) => v.message)).toEqual([
			expect.stringMatching(/the buyer's VAT id FR\w+ is not on the M3 order/),
			expect.stringMatching(/reverse-charge sale with VAT [1-9]/),
		]);
	});
});

describe('audit: GL checks see what the old payments-to-GL did wrong', () => {
	test('batches per marketplace + currency by the accounting model reconcile; deferred by posted date, MFN sales to revenue, a window twice, wrong fee VAT are violations', async () => {
		const world = loadWorld('eu-us');
		const m3 = await startM3Simulator({ world: 'eu-us' });
		const sp = await startSpApiSimulator({ world: 'eu-us' });
		try {
			const txns: Json[] = sp.state.transactions;
			// the UTC day on which Amazon released a deferred (DD7) transaction
			const rel = txns.find((t) => t.transactionStatus === 'DEFERRED_RELEASED')!;
			const due = rel.contexts.find((c: Json) => c.contextType === 'DeferredContext').maturityDate as string;
			const start = `${due.slice(0, 10)}T00:00:00.000Z`;
			const end = new Date(Date.parse(start) + 86400000).toISOString();
			const accounting = world.demo.settings()['payments-to-gl.json'].accounting;
			const settings = { clearingAccount: '1930', accountMap: { Commission: '6510', FBAPerUnitFulfillmentFee: '6520' }, accounting };
			const base: LedgerOptions = { ...settings, catchAllAccount: '6590', INTN: 'AMZ', windowStart: start, windowEnd: end };
			const run = { gl: { windows: [{ start, end }], settings } };
			const post = (o: LedgerOptions) => {
				m3.state.glBatches = {};
				const r = financesToGlBatch([{ index: 0, json: { transactions: txns } }], o);
				for (const { batch } of r.batches) m3.state.glBatches[`100|AAA|${batch.KEY1}`] = { KEY1: batch.KEY1, DESC: batch.DESC, lines: batch.lines.map((l) => ({ LINE: l.LINE, PARM: l.PARM })) };
				return r;
			};
			const audit = () => runAudit({ world, m3, sp, run }, { only: ['gl.'] });

			const good = post(base);
			expect(good.batches.length).toBeGreaterThan(0);
			expect(good.batches.some((b) => b.batch.reconciliation.released.some((x) => x.id === rel.transactionId))).toBe(true);
			const clean = audit();
			expect(clean.ran.sort()).toEqual(['gl.balanced', 'gl.fee_vat', 'gl.invoiced_orders_not_revenue', 'gl.one_batch_per_marketplace_currency_window', 'gl.reconciles_to_amazon']);
			expect(clean.violations).toEqual([]);

			// a released deferral booked on its old posted date is missing from the window of its release
			post({ ...base, includeDeferred: true });
			expect(audit().violations.filter((v) => v.check === 'gl.reconciles_to_amazon').map((v) => v.message)).toEqual(
				expect.arrayContaining([expect.stringMatching(/1 deferred released in this window\): (Amazon's total [-\d.]+, no GL batch|GL batch \S+ clears)/)]),
			);
			// the old model: every sale to revenue, also those M3 invoiced
			post({ ...base, accounting: undefined, accountMap: { ...settings.accountMap, ProductCharges: '3010', Shipping: '3010', Tax: '2610' } });
			expect(audit().violations.some((v) => v.check === 'gl.invoiced_orders_not_revenue' && /receivable \(MFN sales M3 invoiced\) on 1510 0\.00/.test(v.message))).toBe(true);
			// the same window posted twice under two keys; VAT on fees left out
			post(base);
			const [k, b] = Object.entries(m3.state.glBatches as Record<string, Json>)[0];
			m3.state.glBatches[`${k}X`] = { ...b, KEY1: `${b.KEY1}X` };
			post({ ...base, accounting: { ...accounting, feeVat: {} } });
			m3.state.glBatches[`${k}X`] = { ...b, KEY1: `${b.KEY1}X` };
			const checks = new Set(audit().violations.map((v) => v.check));
			expect(checks.has('gl.one_batch_per_marketplace_currency_window')).toBe(true);
			expect(checks.has('gl.fee_vat')).toBe(true);
		} finally {
			await m3.close();
			await sp.close();
		}
	});
});

describe('audit', () => {
	test('checks load from simulators/worlds/checks with unique <area>.<invariant> names', () => {
		const names = loadChecks().map((c) => c.name);
		expect(names).toEqual(expect.arrayContaining(['orders.no_duplicates', 'orders.mfn_only', 'gl.balanced']));
		expect(new Set(names).size).toBe(names.length);
	});

	test('shipment and stock checks: only issued, once per package, confirmed or kept, ship date in the warehouse zone, all warehouses, FBA untouched', async () => {
		const world = loadWorld('eu-us');
		const m3 = await startM3Simulator({ world: 'eu-us' });
		const sp = await startSpApiSimulator({ world: 'eu-us' });
		try {
			const only = ['ship.', 'stock.'];
			const run = { deadLetter: [] as Json[], inventory: { warehouses: ['100', '110'], figure: 'AV01', bufferType: 'absolute', bufferValue: 2, minQuantity: 0, maxQuantity: 999, aliasType: '1' } };
			// every MFN SKU as the sync would leave it: AV01 over 100 + 110, minus 2, clamped
			const sum = new Map<string, number>();
			for (const b of Object.values(m3.state.balances as Record<string, Json>)) if (b.WHLO === '100' || b.WHLO === '110') sum.set(b.ITNO, (sum.get(b.ITNO) ?? 0) + b.STQT - b.ALQT);
			for (const a of m3.state.aliases as Json[]) {
				const l = sp.state.listings.get(a.POPN);
				if (Number(a.ALWT) === 1 && sum.has(a.ITNO) && l && !l.fba) l.quantity = Math.min(999, Math.max(0, Math.floor(sum.get(a.ITNO)! - 2)));
			}
			const clean = runAudit({ world, m3, sp, run }, { only });
			expect(clean.violations).toEqual([]);
			expect(clean.ran.sort()).toEqual(['ship.date_in_warehouse_zone', 'ship.issued_confirmed_or_kept', 'ship.once_per_package', 'ship.only_issued', 'stock.all_warehouses', 'stock.fba_untouched']);

			const mfn = [...sp.state.orders.values()].find((o: Json) => o.fulfilledBy === 'MERCHANT');
			m3.state.orders.Y1 = { head: { ORNO: 'Y1', CUOR: mfn.orderId }, lines: [], deliveries: ['9000001', '9000002'] };
			// worked by hand: 15 March 2026 10:00 in Hamburg is CET (+01:00); 15 July 09:30 is CEST (+02:00)
			m3.state.deliveries['9000001'] = { head: { DLIX: '9000001', RIDN: 'Y1', PGRS: '05', WHLO: '100', DSDT: '20260315', DSHM: '1000' }, lines: [], packages: [] };
			m3.state.deliveries['9000002'] = { head: { DLIX: '9000002', RIDN: 'Y1', PGRS: '60', WHLO: '100', DSDT: '20260715', DSHM: '0930' }, lines: [], packages: [] };
			const conf = (ref: string, shipDate: string) => ({ orderId: mfn.orderId, source: 'confirmShipment', packageDetail: { packageReferenceId: ref, shipDate } });
			sp.state.shipmentConfirmations.push(conf('9000001', '2026-03-15T10:00:00+01:00'), conf('9000002', '2026-07-15T09:30:00+00:00'), conf('9000002', '2026-07-15T09:30:00+00:00'));
			const fba = [...sp.state.listings.values()].find((l: Json) => l.fba);
			sp.state.listingPatches.push({ sku: fba.sku, source: 'feed:1', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }] }] });
			const mfnListing = [...sp.state.listings.values()].find((l: Json) => !l.fba && (m3.state.aliases as Json[]).some((a) => a.POPN === l.sku && sum.has(a.ITNO)));
			mfnListing.quantity += 1;
			const bad = runAudit({ world, m3, sp, run }, { only });
			const by = (c: string) => bad.violations.filter((v) => v.check === c).map((v) => v.message);
			expect(by('ship.only_issued')).toEqual([expect.stringMatching(/delivery 9000001 \(PGRS 05, not issued\)/)]);
			expect(by('ship.once_per_package')).toEqual([`package ${mfn.orderId}#9000002 was sent to Amazon 2 times`]);
			expect(by('ship.date_in_warehouse_zone')).toEqual([expect.stringContaining('expected 2026-07-15T09:30:00+02:00'), expect.stringContaining('expected 2026-07-15T09:30:00+02:00')]);
			expect(by('stock.fba_untouched')).toEqual([`FBA SKU ${fba.sku} got a merchant quantity (feed:1)`]);
			expect(by('stock.all_warehouses')).toEqual([expect.stringContaining(`SKU ${mfnListing.sku}`)]);
			// an issued delivery neither confirmed nor kept
			m3.state.deliveries['9000003'] = { head: { DLIX: '9000003', RIDN: 'Y1', PGRS: '60', WHLO: '100', DSDT: '20260715', DSHM: '0930' }, lines: [], packages: [] };
			expect(runAudit({ world, m3, sp, run }, { only: ['ship.issued_confirmed_or_kept'] }).violations.map((v) => v.message)).toEqual([expect.stringContaining('issued delivery 9000003')]);
			run.deadLetter.push({ key: 'delivery 9000003', status: 'open' });
			expect(runAudit({ world, m3, sp, run }, { only: ['ship.issued_confirmed_or_kept'] }).violations).toEqual([]);
		} finally {
			await m3.close();
			await sp.close();
		}
	});

	test('a clean world passes; a duplicate order and an unbalanced GL batch are violations; a throwing check is one too', async () => {
		const world = loadWorld('eu-us');
		const m3 = await startM3Simulator({ world: 'eu-us' });
		const sp = await startSpApiSimulator({ world: 'eu-us' });
		try {
			const clean = runAudit({ world, m3, sp, run: {} });
			expect(clean.violations).toEqual([]);
			expect(clean.checks).toBeGreaterThan(0);
			expect(clean.skipped).toContain('orders.mfn_only'); // needs the run's import statuses
			const amazonId = [...sp.state.orders.keys()][0];
			m3.state.orders['X1'] = { head: { ORNO: 'X1', CUOR: amazonId }, lines: [] };
			m3.state.orders['X2'] = { head: { ORNO: 'X2', CUOR: amazonId }, lines: [] };
			m3.state.glBatches['100|AAA|K1'] = { KEY1: 'K1', DESC: 'test', lines: [{ LINE: '1', PARM: `AAA20261201EUR${'10.00'.padStart(17)}` }, { LINE: '2', PARM: `AAA20261201EUR${'-9.99'.padStart(17)}` }] };
			const bad = runAudit({ world, m3, sp, run: {} }, { only: ['orders.', 'gl.'] });
			expect(bad.violations.map((v) => v.check).sort()).toEqual(['gl.balanced', 'orders.no_duplicates']);
			expect(bad.violations.find((v) => v.check === 'gl.balanced')?.message).toMatch(/does not balance in EUR: 0\.01/);
			const lines = formatAudit(bad);
			expect(lines[lines.length - 1]).toBe(`AUDIT checks=${bad.checks} violations=2`);

			const checks = {
				'x.throws'() {
					throw new Error('boom');
				},
				'x.na'() {
					return null;
				},
			};
			const thrown = runAudit({ world, m3, sp }, { checks });
			expect(thrown).toMatchObject({ checks: 1, ran: ['x.throws'], skipped: ['x.na'] });
			expect(thrown.violations[0].message).toMatch(/the check failed: Error: boom/);
		} finally {
			await m3.close();
			await sp.close();
		}
	});
});
