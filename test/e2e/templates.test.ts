import type { IDataObject } from 'n8n-workflow';

import { createInstance, type Instance } from './instance';
import { connect } from './rest';
import { parseRun, startSimulators, waitFor, type Sims } from './templates';

// The templates in a real n8n 2.41.1 against the simulators, driven through their real triggers, twice.
describe('templates in a real n8n', () => {
	let n8n: Instance;
	let sims: Sims;
	let url = '';

	const m3OrdersByCuor = () => {
		const m = new Map<string, number>();
		for (const o of Object.values(sims.m3.state.orders)) m.set(String(o.head.CUOR), (m.get(String(o.head.CUOR)) ?? 0) + 1);
		return m;
	};
	const unshippedMfn = () =>
		[...sims.sp.state.orders.values()].filter((o) => o.status === 'UNSHIPPED' && o.fulfilledBy === 'MERCHANT').map((o) => String(o.orderId));

	const execute = async (id: string) => {
		const r = await n8n.cliAsync(['execute', `--id=${id}`, '--rawOutput'], 300000);
		if (r.status !== 0) throw new Error(`n8n execute ${id} exited with ${String(r.status)}${r.timedOut ? ' (timed out)' : ''}: ${r.stdout.slice(-1500)} ${r.stderr.slice(-1500)}`);
		return parseRun(r.stdout);
	};

	beforeAll(async () => {
		sims = await startSimulators();
		n8n = await createInstance();
		const credFile = n8n.writeJson('credentials.json', sims.n8nCredentials);
		expect(n8n.cli(['import:credentials', `--input=${credFile}`]).status).toBe(0);
		// every workflow in one CLI run (each n8n CLI start costs ~10 s): a folder with one file per workflow
		for (const wf of sims.workflows) n8n.writeJson(`workflows/${String(wf.id)}.json`, wf);
		const imported = n8n.cli(['import:workflow', '--separate', `--input=${n8n.userFolder}/workflows`]);
		if (imported.status !== 0) throw new Error(`import:workflow: ${imported.stdout.slice(-800)} ${imported.stderr.slice(-800)}`);
		// n8n 2.x runs an error workflow only when it is published ("… is not active and cannot be executed" otherwise)
		for (const id of [sims.ids.orderToCash, sims.ids.shipmentFeedback, sims.ids.errorHandler]) {
			const r = n8n.cli(['publish:workflow', `--id=${id}`]);
			if (r.status !== 0) throw new Error(`publish ${id}: ${r.stdout.slice(-800)} ${r.stderr.slice(-800)}`);
		}
	});
	afterAll(async () => {
		if (n8n) await n8n.dispose();
		if (sims) await sims.close();
	});

	it('inventory-sync (n8n execute): Amazon quantities equal M3 available over both warehouses minus the buffer; FBA untouched; a second run changes nothing', async () => {
		const before = new Map([...sims.sp.state.listings.values()].map((l) => [String(l.sku), l.quantity]));
		const run = await execute(sims.ids.inventory);
		expect(run.status).toBe('success');
		const changed = [...sims.sp.state.listings.values()].filter((l) => before.get(String(l.sku)) !== l.quantity);
		expect(changed.length).toBeGreaterThan(50);
		const balances = sims.m3.state.balances as Record<string, IDataObject>;
		const aliases = (sims.m3.state.aliases as IDataObject[]).filter((a) => String(a.ALWT) === '1');
		for (const l of changed.slice(0, 25)) {
			const itno = String(aliases.find((a) => a.POPN === l.sku)?.ITNO);
			// AV01 summed over the template's warehouses 001 and 002
			const sum = Object.values(balances)
				.filter((x) => (x.WHLO === '001' || x.WHLO === '002') && x.ITNO === itno)
				.reduce((n, x) => n + Number(x.STQT) - Number(x.ALQT), 0);
			expect(l.quantity).toBe(Math.min(999, Math.max(0, Math.floor(sum) - 2)));
			expect(l.fba).toBeFalsy();
		}
		// `n8n execute` does not persist workflow static data (a published schedule does), so the remembered quantities
		// do not survive between these two CLI runs and the second one may send again: what must hold is that it
		// changes nothing on Amazon (the "sends nothing" property is checked by `npm run demo` on n8n-core)
		const after = new Map([...sims.sp.state.listings.values()].map((l) => [String(l.sku), l.quantity]));
		const run2 = await execute(sims.ids.inventory);
		expect(run2.status).toBe('success');
		for (const l of sims.sp.state.listings.values()) expect(l.quantity).toBe(after.get(String(l.sku)));
	});

	it('catalog-sync (n8n execute): listings validated against the product type definitions and offer prices on Amazon, ASIN and status in M3; a second run changes nothing', async () => {
		const fields = sims.m3.state.customFields as Record<string, IDataObject>;
		// the seed leaves some brands empty on purpose (the dead-letter path, tested through n8n-core): fill them here
		for (const f of Object.values(fields)) if (f.FILE === 'MITMAS' && f.A030 === '') f.A030 = 'Contoso';
		const run = await execute(sims.ids.catalog);
		expect(run.status).toBe('success');
		const runData = run.data?.resultData.runData ?? {};
		const sent = (runData['Send listings to Amazon']?.[0]?.data?.main[0] ?? []).map((i) => i.json);
		const counts = sims.sp.control.catalogCounts();
		expect(counts.listings).toBe(sent.length);
		expect(counts.prices).toBe(sent.length);
		expect(sent.length).toBeGreaterThan(300);
		expect(runData['Keep listing errors']).toBeUndefined();
		expect(counts.definitionRequests).toBeGreaterThan(0);
		const aliases = (sims.m3.state.aliases as IDataObject[]).filter((a) => String(a.ALWT) === '1');
		for (const x of sent.slice(0, 30)) {
			const itno = String(aliases.find((a) => a.POPN === x.sku)?.ITNO);
			const f = fields[['MITMAS', itno, '', '', '', '', '', '', ''].join('|')];
			expect(f.A730).toBe(sims.sp.state.listings.get(String(x.sku))?.asin);
			expect(f[x.marketplaceId === 'ATVPDKIKX0DER' ? 'A830' : 'A930']).toBe(x.listingStatus);
		}
		// `n8n execute` keeps no static data between CLI runs: the second run does not know what was accepted and sends
		// the listings again as patches (M3 now holds their ASINs); Amazon and M3 must end up unchanged
		const snapshot = JSON.stringify([...sims.sp.state.listings.values()].map((l) => [l.sku, l.attributes, l.offers && Object.fromEntries(Object.entries(l.offers as Record<string, IDataObject>).map(([k, v]) => [k, v.price]))]));
		const writes = () => ['CUSEXTMI/AddFieldValue', 'CUSEXTMI/ChgFieldValue'].reduce((n, k) => n + ((sims.m3.state.requestCounts as Record<string, number>)[k] ?? 0), 0);
		const writesBefore = writes();
		const run2 = await execute(sims.ids.catalog);
		expect(run2.status).toBe('success');
		expect(JSON.stringify([...sims.sp.state.listings.values()].map((l) => [l.sku, l.attributes, l.offers && Object.fromEntries(Object.entries(l.offers as Record<string, IDataObject>).map(([k, v]) => [k, v.price]))]))).toBe(snapshot);
		expect(writes()).toBe(writesBefore);
	});

	it('payments-to-gl (n8n execute): one balanced GL batch per marketplace + currency of the window, not posted again', async () => {
		const run = await execute(sims.ids.payments);
		expect(run.status).toBe('success');
		// the seeded transactions of the window span several marketplaces and currencies: one batch each
		const out = run.data?.resultData.runData['Transactions to GL batch']?.[0]?.data?.main[0] ?? [];
		const groups = new Set(out.map((i) => `${String(i.json.marketplace)}|${String(i.json.currency)}`));
		expect(groups.size).toBeGreaterThan(1);
		expect(groups.size).toBe(out.length);
		for (const i of out) expect(i.json).toMatchObject({ balanced: true, reconciliation: { difference: '0.00' } });
		const batches = Object.values(sims.m3.state.glBatches);
		expect(batches).toHaveLength(groups.size);
		const posted = run.data?.resultData.runData['Post GL batch to M3']?.[0]?.data?.main[0] ?? [];
		expect(posted.map((i) => i.json.created)).toEqual([...groups].map(() => true));
		const run2 = await execute(sims.ids.payments);
		expect(run2.status).toBe('success');
		expect(Object.values(sims.m3.state.glBatches)).toHaveLength(groups.size);
	});

	it('order-to-cash (published, SQS trigger) and shipment-feedback (published, ION webhook + schedule copy), twice', async () => {
		const server = await n8n.start();
		url = server.url;
		const expected = unshippedMfn();
		expect(expected.length).toBeGreaterThan(0);
		for (const o of sims.sp.state.orders.values()) sims.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		const imported = await waitFor(() => {
			const m = m3OrdersByCuor();
			return expected.every((id) => m.has(id)) ? m : undefined;
		}, 240000);
		expect(imported).toBeDefined();
		for (const id of expected) expect(imported?.get(id)).toBe(1);
		// the right lines and delivery address
		for (const o of Object.values(sims.m3.state.orders) as Array<{ head: IDataObject; lines: IDataObject[]; address: IDataObject[] }>) {
			const amazon = sims.sp.state.orders.get(String(o.head.CUOR)) as IDataObject & { items: IDataObject[]; address: IDataObject } | undefined;
			if (!amazon) continue;
			const items = amazon.items.filter((it) => !it.cancelled);
			expect(o.lines.map((l) => Number(l.ORQT)).sort()).toEqual(items.map((it) => Number(it.quantity)).sort());
			const delivery = o.address.find((a) => Number(a.ADRT) === 1);
			expect(delivery?.CSCD).toBe(amazon.address.countryCode);
			expect(String(delivery?.CUNM)).toBe(String(amazon.address.name));
		}

		// the same notifications again (SQS delivers at least once): nothing new in M3
		for (const id of expected) sims.sp.control.emit({ type: 'ORDER_CHANGE', orderId: id, channel: 'sqs', duplicate: true });
		// every message (duplicates included) handled: the trigger deletes a message once its execution was handed over
		const drained = await waitFor(() => sims.queue().left === 0, 240000);
		expect(drained).toBe(true);
		const again = m3OrdersByCuor();
		for (const id of expected) expect(again.get(id)).toBe(1);

		// ship in M3; one order's Sync.Shipment BOD comes through ION, the rest through the schedule copy
		const heads = Object.values(sims.m3.state.orders).map((o) => o.head).filter((h) => expected.includes(String(h.CUOR)));
		for (const h of heads) sims.m3.control.ship(String(h.ORNO), { carrier: 'UPS' });
		const first = heads[0];
		const key = sims.creds.n8n.inforIonWebhookApi;
		const denied = await fetch(`${url}/webhook/m3amz-ion-shipment/ion`, {
			method: 'POST',
			headers: { 'content-type': 'application/xml', [key.headerName]: 'wrong-key' },
			body: sims.bod(String(first.ORNO), 'e2e-denied'),
		});
		expect(denied.status).toBe(401);
		const ok = await fetch(`${url}/webhook/m3amz-ion-shipment/ion`, {
			method: 'POST',
			headers: { 'content-type': 'application/xml', [key.headerName]: key.apiKey },
			body: sims.bod(String(first.ORNO), 'e2e-bod-1'),
		});
		expect(ok.status).toBeLessThan(300);
		const confirmedFirst = await waitFor(
			() => sims.sp.state.shipmentConfirmations.some((c) => c.orderId === first.CUOR),
			120000,
		);
		expect(confirmedFirst).toBe(true);
		await n8n.stop();

		const run = await execute(sims.ids.shipmentsManual);
		expect(run.status).toBe('success');
		const confirmedOrders = new Set(sims.sp.state.shipmentConfirmations.map((c) => String(c.orderId)));
		for (const h of heads) expect(confirmedOrders.has(String(h.CUOR))).toBe(true);
		const count = sims.sp.state.shipmentConfirmations.length;
		const run2 = await execute(sims.ids.shipmentsManual);
		expect(run2.status).toBe('success');
		expect(sims.sp.state.shipmentConfirmations.length).toBe(count);
	});

	it('returns-to-m3 (n8n execute): refunded returns of shipped orders become M3 customer returns, once', async () => {
		// orders order-to-cash imported and shipment-feedback confirmed (the test above): two buyers return them
		const shipped = [...sims.sp.state.orders.values()]
			.filter((o) => o.fulfilledBy === 'MERCHANT' && (o.items as IDataObject[]).some((it) => Number(it.quantityShipped) > 0))
			.filter((o) => m3OrdersByCuor().has(String(o.orderId)))
			.slice(0, 2);
		expect(shipped).toHaveLength(2);
		sims.sp.control.returnItems(String(shipped[0].orderId), { reason: 'DEFECTIVE' });
		sims.sp.control.returnItems(String(shipped[1].orderId), { reason: 'NO_LONGER_NEEDED' });
		const run = await execute(sims.ids.returns);
		expect({ status: run.status, error: run.data?.resultData.error?.message }).toMatchObject({ status: 'success' });
		const returns = Object.values(sims.m3.state.returns);
		expect(returns).toHaveLength(2);
		const created = run.data?.resultData.runData['Create M3 customer return']?.[0]?.data?.main[0] ?? [];
		expect(created.map((i) => i.json.outcome)).toEqual(['created', 'created']);
		expect(returns.some((r) => r.lines.every((l) => l.WHSL === 'SCRAP'))).toBe(true);
		const run2 = await execute(sims.ids.returns);
		expect(run2.status).toBe('success');
		expect(Object.values(sims.m3.state.returns)).toHaveLength(2);
	});

	// The failure path as a user meets it (docs/guide/failures.md): the dead-letter table made by the error handler's
	// "Create the dead-letter table", an order M3 refuses, the row with its input and reason, the failed execution
	// reported by the (published) error handler, then "Replay dead letter" once the cause is fixed.
	it('failure end to end: M3 refuses an order -> dead-letter row, failed execution, error-handler report; after the fix "Replay dead letter" creates it once', async () => {
		const server = await n8n.start();
		const api = await connect(server.url);
		// n8n's own credential tester: the SQS and SP-API credentials pass, and fail once the endpoint answers 200 with an
		// HTML page (a proxy or captive portal) instead of taking it for an empty answer
		const testCredential = async (id: string) => {
			const c = sims.n8nCredentials.find((x) => x.id === id) as IDataObject;
			return (await api.call('/credentials/test', { method: 'POST', body: { credentials: { id, name: c.name, type: c.type, data: c.data } } })) as { status: string; message: string };
		};
		for (const [id, operation] of [['m3amzAwsSqs', 'sqs.ListQueues'], ['m3amzAmazonSpApi', 'getMarketplaceParticipations']]) {
			expect(await testCredential(id)).toMatchObject({ status: 'OK' });
			sims.sp.control.addFault({ operation, kind: 'html', count: 1 });
			expect(await testCredential(id)).toEqual({ status: 'Error', message: expect.stringMatching(/answered with an HTML/) });
		}
		const made = await api.runFrom(sims.ids.errorHandler, 'Create the dead-letter table');
		expect(made.status).toBe('success');
		const table = await api.dataTable('m3amz_dead_letter');
		expect(table?.columns.map((c) => c.name).sort()).toEqual(
			['workflow', 'key', 'status', 'node', 'reason', 'retryable', 'input', 'details', 'failedAt', 'replays', 'executionId'].sort(),
		);

		// an Amazon order whose SKU maps (MMS025 alias) to an item M3 does not have: M3 stops the batch order at Confirm
		const items = sims.m3.state.items as Record<string, IDataObject>;
		const aliased = new Set((sims.m3.state.aliases as IDataObject[]).filter((a) => String(a.ALWT) === '1').map((a) => `${String(a.POPN)}|${String(a.ITNO)}`));
		const listing = [...sims.sp.state.listings.values()].find((l) => !l.fba && items[String(l.itno)] && aliased.has(`${String(l.sku)}|${String(l.itno)}`));
		expect(listing).toBeDefined();
		const itno = String(listing?.itno);
		const item = items[itno];
		delete items[itno];
		const m3Orders = (cuor: string) => Object.values(sims.m3.state.orders).filter((o) => o.head.CUOR === cuor).length;
		const seen = new Set((await api.executions(sims.ids.orderToCash)).map((e) => e.id));
		const seenReports = new Set((await api.executions(sims.ids.errorHandler)).map((e) => e.id));
		const order = sims.sp.control.createOrder({ items: [{ sku: listing?.sku, quantity: 2 }] });
		const id = order.orderId;
		const sent = sims.queue().sent;
		sims.sp.control.emit({ type: 'ORDER_CHANGE', orderId: id, channel: 'sqs' });
		try {
			// the execution that handled it (the SQS trigger polls every minute)
			const failedId = await waitFor(async () => {
				for (const e of await api.executions(sims.ids.orderToCash)) {
					if (seen.has(e.id) || ['new', 'running', 'waiting'].includes(e.status)) continue;
					seen.add(e.id);
					const full = await api.execution(e.id);
					if (full.data.resultData.error?.message.includes(id)) return e.id;
				}
				return undefined;
			}, 180000);
			expect(failedId).toBeDefined();
			const failed = await api.finished(String(failedId));
			expect(failed.status).toBe('error');
			expect(failed.mode).toBe('trigger');
			expect(failed.data.resultData.lastNodeExecuted).toBe('Fail the execution');
			expect(failed.data.resultData.error?.message).toMatch(/^1 failed item\(s\) kept in the dead letter \(data table m3amz_dead_letter\), first: /);
			// the rejected item went by the create node's error output into its "Keep" node, not anywhere else
			const runData = failed.data.resultData.runData;
			expect(runData['Keep M3-rejected orders']?.[0]?.data?.main[0]?.map((i) => i.json.key)).toEqual([id]);
			expect(runData['Create M3 customer order']?.[0]?.data?.main[0] ?? []).toHaveLength(0);

			// the error handler ran for that execution (mode "error") and its Failure report names it
			const reportId = await waitFor(async () => (await api.executions(sims.ids.errorHandler)).find((e) => !seenReports.has(e.id) && e.mode === 'error')?.id, 60000);
			expect(reportId).toBeDefined();
			const report = await api.finished(String(reportId));
			expect(report.status).toBe('success');
			const [failure] = report.data.resultData.runData['Failure report']?.[0]?.data?.main[0] ?? [];
			expect(failure?.json).toMatchObject({
				workflow: 'Amazon orders to M3 customer orders (order-to-cash)',
				executionId: String(failedId),
				failedNode: 'Fail the execution',
				message: expect.stringContaining(id),
			});
			expect(String(failure?.json.executionUrl)).toContain(`/workflow/${sims.ids.orderToCash}/executions/${String(failedId)}`);

			// the dead-letter row, read back through n8n
			const row = (await api.rows(table!)).find((r) => r.workflow === sims.ids.orderToCash && r.key === id);
			expect(row).toMatchObject({ status: 'open', node: 'Create M3 customer order', retryable: false, replays: 0, executionId: String(failedId) });
			expect(String(row?.reason)).toContain(`Item number ${itno} does not exist`);
			expect(JSON.parse(String(row?.input))).toMatchObject({ amazonOrderId: id, notificationType: 'ORDER_CHANGE' });
			const details = JSON.parse(String(row?.details)) as IDataObject;
			expect(details).toMatchObject({ node: 'Create M3 customer order', system: 'm3', kind: 'nok', program: 'OIS100MI', code: 'WIT0103' });
			expect(Number.isNaN(Date.parse(String(row?.failedAt)))).toBe(false);
			// kept, so acknowledged: the SQS message is gone; nothing reached M3
			expect(await waitFor(() => sims.queue().left === 0 && sims.queue().sent === sent + 1, 30000)).toBe(true);
			expect(m3Orders(id)).toBe(0);
		} finally {
			items[itno] = item;
		}

		// the cause fixed (the item is back in M3): "Execute workflow" on "Replay dead letter"
		const replay = await api.runFrom(sims.ids.orderToCash, 'Replay dead letter');
		expect(replay.status).toBe('success');
		expect(replay.data.resultData.runData['Create M3 customer order']?.[0]?.data?.main[0]?.map((i) => i.json.CUOR)).toEqual([id]);
		expect(m3Orders(id)).toBe(1);
		const after = (await api.rows(table!)).find((r) => r.workflow === sims.ids.orderToCash && r.key === id);
		expect(after).toMatchObject({ status: 'replayed', replays: 1 });
		// a second replay finds nothing open: nothing is sent again
		const again = await api.runFrom(sims.ids.orderToCash, 'Replay dead letter');
		expect(again.status).toBe('success');
		expect(again.data.resultData.runData['Create M3 customer order']).toBeUndefined();
		expect(m3Orders(id)).toBe(1);
	});
});
