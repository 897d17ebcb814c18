import { startM3Simulator, seedItems } from '../../../simulators/m3';
import { Sim, control, createOrder, v2, v2list, v2one } from './client';

/** A seed item with at least `min` units in warehouse 001 and an Amazon SKU. */
function stockedItem(seed: number, min: number, skip = 0): { ITNO: string; sku: string; qty: number } {
	const hits = seedItems(seed).filter((i) => i.sku && i.STAT === '20' && i.stock['001'] >= min);
	const it = hits[skip];
	return { ITNO: it.ITNO, sku: it.sku as string, qty: it.stock['001'] };
}

describe('customer orders through batch entry (OIS100MI)', () => {
	const seed = 11;
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed });
	});
	afterAll(() => sim.close());

	test('batch flow to a confirmed order: temp ORNO, STAT 90, final ORNO, statuses 33/33 when fully allocated', async () => {
		const item = stockedItem(seed, 20);
		const head = await v2one(sim, 'OIS100MI', 'AddBatchHead', {
			CUNO: 'AMZUS01', ORTP: 'A01', FACI: 'A01', WHLO: '001', CUOR: '113-1234567-1234567', ORDT: '20261129', CUCD: 'USD',
		});
		const temp = head.ORNO;
		expect(temp).toMatch(/^\d{10}$/);
		const pre = await v2one(sim, 'OIS275MI', 'GetTmpOrderStat', { ORNO: temp });
		expect(pre.STAT).not.toBe('90');
		expect(pre.ORNR).toBe('');

		expect((await v2(sim, 'OIS100MI', 'AddBatchAddress', { ORNO: temp, ADRT: 1, CUNM: 'Jane Doe', CUA1: '1 Main St', TOWN: 'Austin', PONO: '78701', CSCD: 'US', ECAR: 'TX' })).status).toBe(200);
		const line = await v2one(sim, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: item.ITNO, ORQT: '2', SAPR: '19.99', CUOR: '12345678901234' });
		expect(line.PONR).toBe('1');
		expect((await v2(sim, 'OIS100MI', 'AddBatchHeadChg', { ORNO: temp, CRID: 'SHIP', CRAM: '4.99', CUCD: 'USD' })).status).toBe(200);
		expect((await v2(sim, 'OIS100MI', 'AddBatchLineChg', { ORNO: temp, PONR: '1', POSX: '0', CRID: 'GIFT', CRAM: '1.00' })).status).toBe(200);

		const conf = await v2one(sim, 'OIS100MI', 'Confirm', { ORNO: temp });
		expect(conf).toEqual({ ORNO: temp, STAT: '90' });
		const orno = (await v2one(sim, 'OIS100MI', 'GetOrderNo', { ORNO: temp })).ORNR;
		expect(orno).toMatch(/^\d{10}$/);
		expect(orno).not.toBe(temp);

		const h = await v2one(sim, 'OIS100MI', 'GetHead', { ORNO: orno });
		expect(h.CUNO).toBe('AMZUS01');
		expect(h.CUOR).toBe('113-1234567-1234567');
		expect([h.ORSL, h.ORST]).toEqual(['33', '33']);
		expect(h.NTAM).toBe('39.98');
		const l = await v2one(sim, 'OIS100MI', 'GetLine', { ORNO: orno, PONR: '1' });
		expect(l.ITNO).toBe(item.ITNO);
		expect(l.ORST).toBe('33');
		expect(l.ALQT).toBe('2');

		// Confirming again does not create a second order
		await v2one(sim, 'OIS100MI', 'Confirm', { ORNO: temp });
		expect((await v2list(sim, 'OIS100MI', 'LstHead', { CUNO: 'AMZUS01' })).filter((x) => x.CUOR === '113-1234567-1234567')).toHaveLength(1);
		// A released batch order is closed for changes
		const late = await v2(sim, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: item.ITNO, ORQT: '1' });
		expect(late.status).toBe(400);
	});

	test('temporary order numbers increase; CUOR is findable via LstBatchHead, SearchHead and LstHead', async () => {
		const a = (await v2one(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZDE01', CUOR: '302-0000000-0000001' })).ORNO;
		const b = (await v2one(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZDE01', CUOR: '302-0000000-0000002' })).ORNO;
		expect(Number(b)).toBeGreaterThan(Number(a));
		const batches = await v2list(sim, 'OIS100MI', 'LstBatchHead', { CUNO: 'AMZDE01' });
		expect(batches.find((x) => x.CUOR === '302-0000000-0000002')?.ORNO).toBe(b);

		const item = stockedItem(seed, 5, 1);
		await v2one(sim, 'OIS100MI', 'AddBatchLine', { ORNO: a, ITNO: item.ITNO, ORQT: '1' });
		await v2one(sim, 'OIS100MI', 'Confirm', { ORNO: a });
		const orno = (await v2one(sim, 'OIS100MI', 'GetOrderNo', { ORNO: a })).ORNR;
		const found = await v2list(sim, 'OIS100MI', 'SearchHead', { SQRY: 'CUOR:302-0000000-0000001' });
		expect(found.map((x) => x.ORNO)).toEqual([orno]);
		expect(await v2list(sim, 'OIS100MI', 'SearchHead', { SQRY: 'CUOR:302-0000000-0000002' })).toEqual([]); // not confirmed
		const heads = await v2list(sim, 'OIS100MI', 'LstHead', { CUNO: 'AMZDE01' });
		expect(heads.map((x) => x.ORNO)).toContain(orno);
		expect((await v2list(sim, 'OIS100MI', 'LstBatchHead', { CUNO: 'AMZDE01' })).find((x) => x.ORNO === a)?.ORNR).toBe(orno);

		expect((await v2(sim, 'OIS100MI', 'DelBatchHead', { ORNO: b })).status).toBe(200);
		expect((await v2(sim, 'OIS100MI', 'GetBatchHead', { ORNO: b })).body.errorCode).toBe('XRE0103');
	});

	test('parallel AddBatchHead calls get distinct, increasing temporary order numbers', async () => {
		const replies = await Promise.all(
			Array.from({ length: 20 }, (_, i) => v2one(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZCA01', CUOR: `PAR-${i}` })),
		);
		const ornos = replies.map((r) => Number(r.ORNO));
		expect(new Set(ornos).size).toBe(20);
		const next = Number((await v2one(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZCA01' })).ORNO);
		expect(next).toBeGreaterThan(Math.max(...ornos));
	});

	test('Confirm with an unknown item stops the batch (STAT 25, no ORNR) and LstErrMsgOrder says why', async () => {
		const temp = (await v2one(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUK01', CUOR: '205-1111111-2222222' })).ORNO;
		await v2one(sim, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'NOSUCHITEM', ORQT: '1' });
		const conf = await v2one(sim, 'OIS100MI', 'Confirm', { ORNO: temp });
		expect(conf.STAT).toBe('25');
		expect((await v2one(sim, 'OIS100MI', 'GetOrderNo', { ORNO: temp })).ORNR).toBe('');
		const errs = await v2list(sim, 'OIS100MI', 'LstErrMsgOrder', { ORNO: temp });
		expect(errs).toHaveLength(1);
		expect(errs[0].MSID).toBe('WIT0103');
		expect(errs[0].TX60).toContain('NOSUCHITEM');
		expect(await v2list(sim, 'OIS100MI', 'SearchHead', { SQRY: 'CUOR:205-1111111-2222222' })).toEqual([]);
	});

	test("Confirm failure as NOK when started with confirmErrors: 'nok'", async () => {
		const strict = await startM3Simulator({ seed, confirmErrors: 'nok' });
		try {
			const temp = (await v2one(strict, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUK01' })).ORNO;
			await v2one(strict, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'NOSUCHITEM', ORQT: '1' });
			const r = await v2(strict, 'OIS100MI', 'Confirm', { ORNO: temp });
			expect(r.status).toBe(400);
			expect(r.body.errorCode).toBe('WIT0103');
		} finally {
			await strict.close();
		}
	});

	test('allocation reduces AV01; a short item gets partial allocation (ORSL 23)', async () => {
		const item = stockedItem(seed, 20, 2);
		const before = await v2one(sim, 'MMS200MI', 'GetItmWhsBal', { WHLO: '001', ITNO: item.ITNO });
		const av = Number(before.AV01);
		expect(av).toBe(item.qty);
		const { orno } = await createOrder(sim, { CUNO: 'AMZUS01', WHLO: '001' }, [{ ITNO: item.ITNO, ORQT: '3' }]);
		const after = await v2one(sim, 'MMS200MI', 'GetItmWhsBal', { WHLO: '001', ITNO: item.ITNO });
		expect(Number(after.AV01)).toBe(av - 3);
		expect(Number(after.ALQT)).toBe(Number(before.ALQT) + 3);
		expect(Number(after.STQT)).toBe(Number(before.STQT)); // allocation does not move stock
		const wb = await v2list(sim, 'OIS100MI', 'LstWarehBalance', { ITNO: item.ITNO });
		expect(wb.find((x) => x.WHLO === '001')?.AV01).toBe(String(av - 3));
		expect((await v2one(sim, 'OIS100MI', 'GetHead', { ORNO: orno })).ORST).toBe('33');

		const rest = av - 3;
		const short = await createOrder(sim, { CUNO: 'AMZUS01', WHLO: '001' }, [{ ITNO: item.ITNO, ORQT: String(rest + 5) }]);
		const h = await v2one(sim, 'OIS100MI', 'GetHead', { ORNO: short.orno });
		expect(h.ORSL).toBe('23');
		expect((await v2one(sim, 'MMS200MI', 'GetItmWhsBal', { WHLO: '001', ITNO: item.ITNO })).AV01).toBe('0');
	});

	test('ship control -> status 66, delivery lines, delivery head with tracking, package ETRN, stock issued', async () => {
		const item = stockedItem(seed, 20, 3);
		const { orno } = await createOrder(sim, { CUNO: 'AMZUS01', WHLO: '001', CUOR: '111-2222222-3333333', MODL: 'UPS' }, [
			{ ITNO: item.ITNO, ORQT: '2' },
		]);
		const shipped = await control<{ DLIX: string; ETRN: string; ORST: string }>(sim, 'POST', `orders/${orno}/ship`, { carrier: 'UPS' });
		expect(shipped.status).toBe(200);
		expect(shipped.body.ORST).toBe('66');
		const h = await v2one(sim, 'OIS100MI', 'GetHead', { ORNO: orno });
		expect([h.ORSL, h.ORST]).toEqual(['66', '66']);

		const dl = await v2list(sim, 'MWS411MI', 'LstDelLnByOrd', { RORC: '3', RIDN: orno });
		expect(dl).toHaveLength(1);
		expect(dl[0].DLIX).toBe(shipped.body.DLIX);
		expect(dl[0].TRQT).toBe('2');
		expect(dl[0].LMTS).toMatch(/^\d+$/);
		const byCo = await v2list(sim, 'OIS100MI', 'LstDelLineByCO', { ORNO: orno, PONR: '1' });
		expect(byCo[0].DLIX).toBe(shipped.body.DLIX);
		expect(byCo[0].PGRS).toBe('60');

		const dh = await v2one(sim, 'MWS410MI', 'GetHead', { DLIX: shipped.body.DLIX });
		expect(dh.ETRN).toBe(shipped.body.ETRN);
		expect(dh.ETRN).toMatch(/^1Z/);
		expect(dh.FWNO).toBe('UPS');
		expect(dh.DSDT).toMatch(/^\d{8}$/);
		expect(dh.MODL).toBe('UPS');
		expect(dh.RIDN).toBe(orno);
		expect(dh.CUOR).toBe('111-2222222-3333333');

		const pk = await v2list(sim, 'MWS423MI', 'LstPackages', { INOU: '1', DLIX: shipped.body.DLIX, PACO: '0' });
		expect(pk).toHaveLength(1);
		expect(pk[0].ETRN).toBe(shipped.body.ETRN);

		const bal = await v2one(sim, 'MMS200MI', 'GetItmWhsBal', { WHLO: '001', ITNO: item.ITNO });
		expect(Number(bal.STQT)).toBe(item.qty - 2);
		// Nothing left to ship
		expect((await control(sim, 'POST', `orders/${orno}/ship`, {})).status).toBe(409);
		expect((await v2(sim, 'MWS410MI', 'GetHead', { DLIX: '1' })).body.errorCode).toBe('XRE0103');
	});

	test('ship with invoice -> status 77 and delivery status 70', async () => {
		const item = stockedItem(seed, 20, 4);
		const { orno } = await createOrder(sim, { CUNO: 'AMZUS01' }, [{ ITNO: item.ITNO, ORQT: '1' }]);
		const s = await control<{ DLIX: string }>(sim, 'POST', `orders/${orno}/ship`, { invoice: true, trackingNumber: 'TRACK123' });
		const h = await v2one(sim, 'OIS100MI', 'GetHead', { ORNO: orno });
		expect(h.ORST).toBe('77');
		const dh = await v2one(sim, 'MWS410MI', 'GetHead', { DLIX: s.body.DLIX });
		expect(dh.ETRN).toBe('TRACK123');
		expect(dh.PGRS).toBe('70');
	});

	test('LstNewBalances returns only balances changed after the given LMTS', async () => {
		const item = stockedItem(seed, 20, 5);
		const all = await v2list(sim, 'OIS100MI', 'LstNewBalances', {});
		expect(all.length).toBeGreaterThanOrEqual(400); // 240 items x 2 warehouses
		const mark = String(Math.max(...Object.values(sim.state.balances as Record<string, { LMTS: number }>).map((b) => b.LMTS)));
		expect(await v2list(sim, 'OIS100MI', 'LstNewBalances', { LMTS: mark })).toEqual([]);
		await createOrder(sim, { CUNO: 'AMZUS01', WHLO: '001' }, [{ ITNO: item.ITNO, ORQT: '1' }]);
		const changed = await v2list(sim, 'OIS100MI', 'LstNewBalances', { LMTS: mark });
		expect(changed.map((x) => `${x.WHLO}/${x.ITNO}`)).toEqual([`001/${item.ITNO}`]);
		expect(changed[0].AV01).toBe(String(item.qty - 1));
		const set = await control(sim, 'POST', 'stock', { WHLO: '002', ITNO: item.ITNO, STQT: 9 });
		expect(set.status).toBe(200);
		const again = await v2list(sim, 'OIS100MI', 'LstNewBalances', { LMTS: mark });
		expect(again.map((x) => `${x.WHLO}/${x.ITNO}`)).toEqual([`001/${item.ITNO}`, `002/${item.ITNO}`]);
	});

	test('SKU alias resolves to the item (MMS025MI/GetItem ALWT 1) and LstAlias lists it', async () => {
		const item = stockedItem(seed, 1, 6);
		const hit = await v2one(sim, 'MMS025MI', 'GetItem', { ALWT: '1', POPN: item.sku });
		expect(hit.ITNO).toBe(item.ITNO);
		expect((await v2one(sim, 'MMS025MI', 'GetItem', { ALWT: '01', POPN: item.sku })).ITNO).toBe(item.ITNO);
		expect((await v2(sim, 'MMS025MI', 'GetItem', { ALWT: '2', POPN: item.sku })).body.errorCode).toBe('XRE0103');
		const aliases = await v2list(sim, 'MMS025MI', 'LstAlias', { ITNO: item.ITNO, ALWT: '1' });
		expect(aliases.map((a) => a.POPN)).toEqual([item.sku]);
	});
});
