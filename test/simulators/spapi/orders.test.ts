import { start, sellerToken, call, control, waitFor, Sim, Json, LONG_AGO } from './helpers';

describe('seed data', () => {
	test('is deterministic per seed and covers statuses, countries, FBA/MFN, business, gift wrap, promotions, multi-line', async () => {
		const a = await start({ seed: 42 });
		const b = await start({ seed: 42 });
		const c = await start({ seed: 43 });
		try {
			const oa = (await control(a, 'GET', '/orders')) as Json[];
			const ob = (await control(b, 'GET', '/orders')) as Json[];
			const oc = (await control(c, 'GET', '/orders')) as Json[];
			const strip = (l: Json[]) => l.map((o) => ({ id: o.orderId, s: o.status, items: o.items.map((i: Json) => [i.sku, i.quantity]) }));
			expect(strip(oa)).toEqual(strip(ob));
			expect(strip(oa)).not.toEqual(strip(oc));
			expect(a.credentials.clientId).toBe(b.credentials.clientId);
			expect(new Set(oa.map((o) => o.status))).toEqual(new Set(['PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'PENDING_AVAILABILITY', 'UNFULFILLABLE']));
			expect(new Set(oa.map((o) => o.address.countryCode))).toEqual(new Set(['US', 'CA', 'GB', 'DE', 'FR']));
			expect(new Set(oa.map((o) => o.fulfilledBy))).toEqual(new Set(['MERCHANT', 'AMAZON']));
			expect(oa.some((o) => o.isBusiness && o.buyer.buyerPurchaseOrderNumber)).toBe(true);
			expect(oa.some((o) => o.items.some((i: Json) => i.giftWrap))).toBe(true);
			expect(oa.some((o) => o.items.some((i: Json) => i.promotion))).toBe(true);
			expect(oa.some((o) => o.items.length > 1)).toBe(true);
			// SKUs are the M3 simulator's item SKUs when simulators/m3/seed.js exists
			const st = await control(a, 'GET', '/state');
			expect(['simulators/m3/seed.js', 'builtin']).toContain(st.itemsSource);
		} finally {
			await Promise.all([a.close(), b.close(), c.close()]);
		}
	});

	test('skus option overrides the item list', async () => {
		const s = await start({ skus: ['A-1', 'B-2', 'C-3'] });
		try {
			const l = (await control(s, 'GET', '/listings')) as Json[];
			expect(l.map((x) => x.sku)).toEqual(['A-1', 'B-2', 'C-3']);
		} finally {
			await s.close();
		}
	});
});

describe('Orders v2026-01-01 and v0 views of the same orders', () => {
	let sim: Sim;
	let t: string;
	beforeAll(async () => {
		sim = await start({ timeScale: 60 }); // 2-minute lag -> 2 s
		t = await sellerToken(sim);
	});
	afterAll(async () => {
		await sim.close();
	});

	test('getOrder includedData adds buyer, recipient, proceeds, fulfillment, packages only when asked', async () => {
		const o = ((await control(sim, 'GET', '/orders?status=SHIPPED')) as Json[]).find((x) => x.fulfilledBy === 'MERCHANT') as Json;
		const bare = (await call(sim, t, 'GET', `/orders/2026-01-01/orders/${o.orderId}`)).body.order;
		expect(bare.buyer).toBeUndefined();
		expect(bare.recipient).toBeUndefined();
		const full = (await call(sim, t, 'GET', `/orders/2026-01-01/orders/${o.orderId}?includedData=BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,PACKAGES`)).body.order;
		expect(full.buyer.buyerName).toBeTruthy();
		expect(full.recipient.deliveryAddress.countryCode).toBe(o.address.countryCode);
		expect(full.fulfillment).toMatchObject({ fulfillmentStatus: 'SHIPPED', fulfilledBy: 'MERCHANT' });
		expect(full.packages[0].trackingNumber).toBe(o.packages[0].trackingNumber);
		expect(full.proceeds.grandTotal.currencyCode).toBe(o.currency);
		expect(typeof full.proceeds.grandTotal.amount).toBe('string');
	});

	test('pending orders have no address and no prices; v0 uses PascalCase and the v0 status enum', async () => {
		const p = ((await control(sim, 'GET', '/orders?status=PENDING')) as Json[])[0];
		const v26 = (await call(sim, t, 'GET', `/orders/2026-01-01/orders/${p.orderId}?includedData=RECIPIENT,PROCEEDS`)).body.order;
		expect(v26.recipient).toBeUndefined();
		expect(v26.proceeds).toBeUndefined();
		const v0 = (await call(sim, t, 'GET', `/orders/v0/orders/${p.orderId}`)).body.payload;
		expect(v0).toMatchObject({ AmazonOrderId: p.orderId, OrderStatus: 'Pending', FulfillmentChannel: 'MFN' });
		expect(v0.OrderTotal).toBeUndefined();
		const c = ((await control(sim, 'GET', '/orders?status=CANCELLED')) as Json[])[0];
		expect((await call(sim, t, 'GET', `/orders/v0/orders/${c.orderId}`)).body.payload.OrderStatus).toBe('Canceled');
	});

	test('a control-created order appears in searchOrders only after the (scaled) 2-minute lag; without a subscription nothing is delivered', async () => {
		const sku = ((await control(sim, 'GET', '/listings')) as Json[])[3].sku as string;
		const created = await control(sim, 'POST', '/orders', { marketplaceId: 'A1F83G8C2ARO7P', items: [{ sku, quantity: 3 }], business: true, gift: true });
		expect(created.orderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
		expect(created.items).toEqual([expect.objectContaining({ sku, quantity: 3 })]);
		const since = new Date(Date.now() - 60000).toISOString();
		const q = `/orders/2026-01-01/orders?createdAfter=${since}&marketplaceIds=A1F83G8C2ARO7P&includedData=BUYER`;
		expect((await call(sim, t, 'GET', q)).body.orders.map((o: Json) => o.orderId)).not.toContain(created.orderId);
		const found = await waitFor(async () => (await call(sim, t, 'GET', q)).body.orders.find((o: Json) => o.orderId === created.orderId), 5000, 250);
		expect(found.buyer.buyerPurchaseOrderNumber).toMatch(/^PO-/);
		const notes = (await control(sim, 'GET', '/notifications')) as Json[];
		expect(notes.some((n) => n.notificationType === 'ORDER_CHANGE' && n.envelope.Payload.OrderChangeNotification.AmazonOrderId === created.orderId)).toBe(false); // no subscription yet -> nothing delivered
	});

	test('confirmShipment: partial, then rest; re-sending a package updates tracking without shipping twice', async () => {
		const sku1 = ((await control(sim, 'GET', '/listings')) as Json[])[5].sku as string;
		const sku2 = ((await control(sim, 'GET', '/listings')) as Json[])[6].sku as string;
		const o = await control(sim, 'POST', '/orders', { items: [{ sku: sku1, quantity: 2 }, { sku: sku2, quantity: 1 }] });
		const ship = (ref: string, items: Json[], tracking: string) =>
			call(sim, t, 'POST', `/orders/v0/orders/${o.orderId}/shipmentConfirmation`, { marketplaceId: o.marketplaceId, packageDetail: { packageReferenceId: ref, carrierCode: 'UPS', trackingNumber: tracking, shipDate: new Date().toISOString(), orderItems: items } });
		expect((await ship('1', [{ orderItemId: o.items[0].orderItemId, quantity: 2 }], '1ZA')).status).toBe(204);
		expect((await control(sim, 'GET', `/orders/${o.orderId}`)).status).toBe('PARTIALLY_SHIPPED');
		expect((await ship('1', [{ orderItemId: o.items[0].orderItemId, quantity: 2 }], '1ZA-CORRECTED')).status).toBe(204);
		const mid = await control(sim, 'GET', `/orders/${o.orderId}`);
		expect(mid.items[0].quantityShipped).toBe(2);
		expect(mid.packages).toHaveLength(1);
		expect(mid.packages[0].trackingNumber).toBe('1ZA-CORRECTED');
		expect((await ship('2', [{ orderItemId: o.items[1].orderItemId, quantity: 1 }], '1ZB')).status).toBe(204);
		expect((await control(sim, 'GET', `/orders/${o.orderId}`)).status).toBe('SHIPPED');
		const v0 = (await call(sim, t, 'GET', `/orders/v0/orders/${o.orderId}`)).body.payload;
		expect(v0).toMatchObject({ OrderStatus: 'Shipped', NumberOfItemsShipped: 3, NumberOfItemsUnshipped: 0 });
		const shipments = (await control(sim, 'GET', '/shipments')) as Json[];
		expect(shipments.filter((s) => s.orderId === o.orderId)).toHaveLength(3);
	});

	test('finances: listTransactions by ORDER_ID and v0 listFinancialEventsByOrderId for a shipped seed order', async () => {
		const tx = await call(sim, t, 'GET', `/finances/2024-06-19/transactions?postedAfter=${new Date(Date.now() - 30 * 86400000).toISOString()}`);
		expect(tx.status).toBe(200);
		const first = tx.body.payload.transactions[0];
		const orderId = first.relatedIdentifiers.find((r: Json) => r.relatedIdentifierName === 'ORDER_ID').relatedIdentifierValue;
		const byId = await call(sim, t, 'GET', `/finances/2024-06-19/transactions?relatedIdentifierName=ORDER_ID&relatedIdentifierValue=${orderId}`);
		expect(byId.body.payload.transactions).toHaveLength(1);
		expect(byId.body.payload.transactions[0]._v0).toBeUndefined();
		const v0 = await call(sim, t, 'GET', `/finances/v0/orders/${orderId}/financialEvents`);
		expect(v0.body.payload.FinancialEvents.ShipmentEventList[0].AmazonOrderId).toBe(orderId);
		expect(v0.body.payload.FinancialEvents.ShipmentEventList[0].ShipmentItemList[0].ItemChargeList[0].ChargeType).toBe('Principal');
	});

	test('v0 getOrders pages with NextToken and honours filters', async () => {
		const q = `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=${LONG_AGO}&MaxResultsPerPage=3&FulfillmentChannels=MFN`;
		const p1 = await call(sim, t, 'GET', q);
		expect(p1.body.payload.Orders).toHaveLength(3);
		expect(p1.body.payload.Orders.every((o: Json) => o.FulfillmentChannel === 'MFN' && o.MarketplaceId === 'ATVPDKIKX0DER')).toBe(true);
		const p2 = await call(sim, t, 'GET', `${q}&NextToken=${encodeURIComponent(p1.body.payload.NextToken)}`);
		expect(p2.status).toBe(200);
		expect(p2.body.payload.Orders[0].AmazonOrderId).not.toBe(p1.body.payload.Orders[0].AmazonOrderId);
	});
});
