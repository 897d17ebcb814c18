// @ts-check
'use strict';
/**
 * Control API (/__sim/*, JSON, no auth) and the same functions for in-process use (`control` of startSpApiSimulator).
 * Lets tests/demos inspect state, create/change orders, set faults, emit notifications, configure the EventBridge
 * target and reset.
 */
const { makeOrder, MARKETPLACES, MP_BY_ID } = require('./seed');
const { rng, iso, clone } = require('./util');
const { order2026 } = require('./views');

/** @param {any} sim */
function api(sim) {
	const r = rng(sim.seed * 7919 + 17);
	const self = {
		/**
		 * What the catalog sync left on Amazon: `listings` = (SKU, marketplace) pairs with product facts written by
		 * putListingsItem / patchListingsItem / JSON_LISTINGS_FEED, `prices` = (SKU, marketplace) offer prices written
		 * the same way, and the definitions served.
		 */
		catalogCounts() {
			let listings = 0;
			let prices = 0;
			for (const l of sim.state.listings.values()) {
				for (const a of Object.values(l.attributes || {})) if (Object.keys(/** @type {any} */ (a)).length) listings++;
				prices += Object.keys(l.offers || {}).length;
			}
			return { listings, prices, definitionRequests: sim.state.definitionRequests.length, schemaDownloads: sim.state.schemaDownloads };
		},
		/**
		 * Create an order (default UNSHIPPED, merchant-fulfilled, US). Emits ORDER_CHANGE to subscribers.
		 * @param {{marketplaceId?:string, country?:string, items?:{sku:string, quantity:number}[], status?:string, fulfilledBy?:string, business?:boolean, gift?:boolean, promo?:boolean, createdTime?:string}} [o]
		 */
		createOrder(o = {}) {
			const st = sim.state;
			let country = o.country || 'US';
			if (o.marketplaceId) {
				const mp = MP_BY_ID[o.marketplaceId];
				if (!mp) throw new Error(`unknown marketplaceId ${o.marketplaceId}`);
				country = Object.keys(MARKETPLACES).find((k) => /** @type {any} */ (MARKETPLACES)[k].id === o.marketplaceId) || 'US';
			}
			if (!(/** @type {any} */ (MARKETPLACES)[country])) throw new Error(`unknown country ${country} (use ${Object.keys(MARKETPLACES).join(', ')})`);
			const status = o.status || 'UNSHIPPED';
			if (!['PENDING', 'UNSHIPPED', 'PENDING_AVAILABILITY', 'CANCELLED', 'UNFULFILLABLE'].includes(status)) throw new Error('new orders can be PENDING, UNSHIPPED, PENDING_AVAILABILITY, CANCELLED or UNFULFILLABLE (ship them with confirmShipment)');
			for (const it of o.items || []) if (!st.listings.has(it.sku)) throw new Error(`unknown sku ${it.sku}`);
			const listings = [...st.listings.values()];
			if (!listings.length) throw new Error('no listings to order from');
			const created = o.createdTime ? Date.parse(o.createdTime) : Date.now();
			const ord = makeOrder(r, { listings, country, status, fulfilledBy: o.fulfilledBy || 'MERCHANT', createdMs: created, business: o.business, gift: o.gift, promo: o.promo, lines: 1 + r.int(0, 2), skus: o.items });
			ord.lastUpdatedTime = iso(created);
			st.orders.set(ord.orderId, ord);
			sim.notifier.orderChanged(ord, 'Order Created');
			return ord;
		},
		/** Change an order's status (e.g. CANCELLED, UNSHIPPED after PENDING). Emits ORDER_CHANGE. @param {string} id @param {string} status @param {string} [reason] */
		setOrderStatus(id, status, reason) {
			const o = sim.state.orders.get(id);
			if (!o) throw new Error(`order ${id} not found`);
			const valid = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'];
			if (!valid.includes(status)) throw new Error(`status must be one of ${valid.join(', ')}`);
			o.status = status;
			if (status === 'CANCELLED') {
				for (const it of o.items) it.cancelled = it.quantityShipped === 0;
				o.cancellation = { requester: reason === 'Buyer Requested Cancel' ? 'BUYER' : 'SELLER', cancelReason: reason || 'Cancelled by seller' };
			}
			o.lastUpdatedTime = iso(Date.now());
			sim.notifier.orderChanged(o, reason || (status === 'CANCELLED' ? 'Order Cancelled' : 'Order Status Changed'));
			return o;
		},
		/**
		 * The buyer cancels some items of an order (not shipped yet): they become cancelled, the order CANCELLED once
		 * every item is. Emits ORDER_CHANGE (BuyerRequestedChange). @param {string} id @param {string[]} orderItemIds
		 * @param {string} [reason]
		 */
		cancelItems(id, orderItemIds, reason = 'Buyer Requested Cancel') {
			const o = sim.state.orders.get(id);
			if (!o) throw new Error(`order ${id} not found`);
			for (const itemId of orderItemIds) {
				const it = o.items.find((/** @type {any} */ x) => x.orderItemId === itemId);
				if (!it) throw new Error(`order ${id} has no item ${itemId}`);
				if (it.quantityShipped > 0) throw new Error(`item ${itemId} of order ${id} is shipped: it cannot be cancelled`);
				it.cancelled = true;
			}
			o.cancellation = { requester: 'BUYER', cancelReason: reason };
			if (o.items.every((/** @type {any} */ x) => x.cancelled)) o.status = 'CANCELLED';
			o.lastUpdatedTime = iso(Date.now());
			sim.notifier.orderChanged(o, 'Buyer Requested Cancel');
			return o;
		},
		/**
		 * The buyer returns shipped items (all shipped units when `items` is empty) and, unless `refund: false`, Amazon
		 * refunds them: the returns reports list them, Finances lists the Refund transaction (returns.js).
		 * @param {string} id @param {Parameters<typeof import('./returns').returnItems>[2]} [o]
		 */
		returnItems(id, o = {}) {
			return require('./returns').returnItems(sim, id, o);
		},
		/** Complete a report now (skips the remaining queue/progress time). @param {string} id */
		finishReport(id) {
			const r = sim.state.reports.get(id);
			if (!r) throw new Error(`report ${id} not found`);
			if (r.processingStatus === 'IN_QUEUE' || r.processingStatus === 'IN_PROGRESS') {
				r.processingStatus = 'IN_PROGRESS';
				r.processingStartTime = r.processingStartTime || iso(Date.now());
				require('./operations/reports').finishReport(sim, r);
			}
			return r;
		},
		/** Delays of the Reports API (IN_QUEUE, IN_PROGRESS; scaled by timeScale). @param {{inQueueMs?:number, inProgressMs?:number}} d */
		setReportDelays(d) {
			Object.assign(sim.state.reportDelays, d);
			return sim.state.reportDelays;
		},
		/**
		 * Register another LWA application authorised by the same seller (its own rate-limit buckets, as on Amazon).
		 * @param {{name?:string}} [o]
		 */
		addApp(o = {}) {
			const crypto = require('node:crypto');
			const hex = crypto.randomBytes(32).toString('hex');
			const app = { clientId: `amzn1.application-oa2-client.${hex.slice(0, 32)}`, clientSecret: `amzn1.oa2-cs.v1.${hex}`, applicationId: `amzn1.sellerapps.app.${crypto.randomUUID()}`, name: o.name || 'extra' };
			const refreshToken = `Atzr|IwEBI${crypto.randomBytes(60).toString('base64url')}`;
			sim.lwa.apps.push(app);
			sim.lwa.refreshTokens.push({ refreshToken, clientId: app.clientId, sellerId: sim.state.sellerId });
			return { clientId: app.clientId, clientSecret: app.clientSecret, applicationId: app.applicationId, refreshToken, sellerId: sim.state.sellerId };
		},
		/** @param {any} f */
		addFault: (f) => sim.addFault(f),
		/** @param {number} [id] */
		clearFaults: (id) => sim.faults.clear(id),
		expireTokens: () => sim.lwa.expireAll(),
		/**
		 * Emit a notification. {type:'ORDER_CHANGE', orderId} | {type:'FEED_PROCESSING_FINISHED', feedId} | {type, payload}.
		 * channel 'sqs'|'eventbridge' bypasses subscriptions; duplicate:true delivers the SQS message twice.
		 * @param {{type:string, orderId?:string, feedId?:string, payload?:any, reason?:string, channel?:string, queue?:string, duplicate?:boolean}} e
		 */
		emit(e) {
			const n = sim.notifier;
			const opts = { channel: e.channel, queue: e.queue, duplicate: e.duplicate };
			if (e.type === 'ORDER_CHANGE') {
				const o = sim.state.orders.get(e.orderId || '');
				if (!o) throw new Error(`order ${e.orderId} not found`);
				const { orderChangePayload } = require('./views');
				return n.emit('ORDER_CHANGE', { OrderChangeNotification: orderChangePayload(o, sim.state.sellerId, e.reason || 'Order Status Changed') }, { ...opts, marketplaceId: o.marketplaceId, orderChangeType: 'OrderStatusChange' });
			}
			if (e.type === 'FEED_PROCESSING_FINISHED') {
				const f = sim.state.feeds.get(e.feedId || '');
				if (!f) throw new Error(`feed ${e.feedId} not found`);
				return n.emit('FEED_PROCESSING_FINISHED', { feedProcessingFinishedNotification: { sellerId: sim.state.sellerId, accountId: `amzn1.merchant.o.${sim.state.sellerId}`, feedId: f.feedId, feedType: f.feedType, processingStatus: f.processingStatus === 'DONE' || f.processingStatus === 'FATAL' || f.processingStatus === 'CANCELLED' ? f.processingStatus : 'DONE', ...(f.resultFeedDocumentId ? { resultFeedDocumentId: f.resultFeedDocumentId } : {}) } }, opts);
			}
			if (!e.type || e.payload === undefined) throw new Error('type and payload required');
			return n.emit(e.type, e.payload, opts);
		},
		/** @param {{url:string, authHeader?:{name:string, value:string}, headers?:Record<string,string>}|null} t */
		setEventBridgeTarget(t) {
			if (t && !/^https?:\/\//.test(t.url || '')) throw new Error('url must be http(s)');
			sim.state.eventBridgeTarget = t;
			return t;
		},
		/** Move a queued feed to IN_PROGRESS now (its timer then does nothing). @param {string} id */
		startFeed(id) {
			const f = sim.state.feeds.get(id);
			if (!f) throw new Error(`feed ${id} not found`);
			if (f.processingStatus === 'IN_QUEUE') {
				f.processingStatus = 'IN_PROGRESS';
				f.processingStartTime = iso(Date.now());
			}
			return f;
		},
		/** Complete a feed now (skips the remaining queue/progress time). @param {string} id */
		finishFeed(id) {
			const f = sim.state.feeds.get(id);
			if (!f) throw new Error(`feed ${id} not found`);
			if (f.processingStatus === 'IN_QUEUE' || f.processingStatus === 'IN_PROGRESS') {
				f.processingStartTime = f.processingStartTime || iso(Date.now());
				require('./operations/feeds').finishFeed(sim, f);
			}
			return f;
		},
		/** @param {{strictChannels?:boolean, gzipReports?:boolean, feedDelays?:{inQueueMs?:number, inProgressMs?:number}, rateLimits?:Record<string,{rate:number, burst:number}>}} c */
		configure(c) {
			if (c.strictChannels !== undefined) sim.state.strictChannels = !!c.strictChannels;
			if (c.gzipReports !== undefined) sim.state.gzipReports = !!c.gzipReports;
			if (c.feedDelays) Object.assign(sim.state.feedDelays, c.feedDelays);
			if (c.rateLimits) Object.assign(sim.limiter.overrides, c.rateLimits);
			return { strictChannels: sim.state.strictChannels !== false, gzipReports: !!sim.state.gzipReports, feedDelays: sim.state.feedDelays, rateLimits: sim.limiter.overrides };
		},
		reset: () => {
			sim.reset();
			return { ok: true };
		},
		/** Request counts per operation incl. 429s. */
		requestStats() {
			/** @type {Record<string, {count:number, throttled:number, errors:number}>} */
			const byOperation = {};
			let throttled = 0;
			for (const e of sim.state.requestLog) {
				const k = e.operation || e.path;
				const b = (byOperation[k] = byOperation[k] || { count: 0, throttled: 0, errors: 0 });
				b.count++;
				if (e.status === 429) {
					b.throttled++;
					throttled++;
				} else if (e.status >= 400 || e.status < 0) b.errors++;
			}
			return { total: sim.state.requestLog.length, throttled, byOperation };
		},
		snapshot() {
			const st = sim.state;
			return {
				startedAt: st.startedAt,
				url: sim.url,
				sellerId: st.sellerId,
				timeScale: sim.timeScale,
				itemsSource: st.itemsSource,
				counts: { orders: st.orders.size, listings: st.listings.size, feeds: st.feeds.size, transactions: st.transactions.length, notifications: st.notifications.length, shipmentConfirmations: st.shipmentConfirmations.length, destinations: st.destinations.size, subscriptions: st.subscriptions.size },
				requests: self.requestStats(),
				faults: sim.faults.list,
				tokensExpiredBefore: sim.lwa.expiredBefore ? iso(sim.lwa.expiredBefore) : null,
				eventBridgeTarget: st.eventBridgeTarget,
				strictChannels: st.strictChannels !== false,
				rateLimits: sim.limiter.snapshot(),
			};
		},
	};
	return self;
}

/** @param {any} n */
const publicNotification = (n) => {
	const { pending, ...rest } = n;
	void pending;
	return rest;
};

/**
 * HTTP routing of /__sim/*. @param {any} sim @param {string} method @param {URL} u @param {Buffer} raw
 * @returns {Promise<{status:number, body:any}>}
 */
async function handle(sim, method, u, raw) {
	const c = sim.control;
	let body = {};
	if (raw.length) {
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch {
			return { status: 400, body: { error: 'body must be JSON' } };
		}
	}
	const p = u.pathname.replace(/^\/__sim/, '').replace(/\/$/, '');
	const q = u.searchParams;
	const ok = (/** @type {any} */ b) => ({ status: 200, body: b });
	try {
		let m;
		if (method === 'GET' && (p === '/state' || p === '')) return ok(c.snapshot());
		if (method === 'GET' && p === '/credentials') return ok(sim.credentials());
		if (method === 'GET' && p === '/orders') {
			let list = [...sim.state.orders.values()];
			if (q.get('status')) list = list.filter((o) => o.status === q.get('status'));
			return ok(q.get('view') === 'api' ? list.map((o) => order2026(o, ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'PROMOTION', 'CANCELLATION'])) : clone(list));
		}
		if (method === 'POST' && p === '/orders') return { status: 201, body: clone(c.createOrder(body)) };
		if ((m = /^\/orders\/([^/]+)$/.exec(p)) && method === 'GET') {
			const o = sim.state.orders.get(decodeURIComponent(m[1]));
			return o ? ok(clone(o)) : { status: 404, body: { error: 'order not found' } };
		}
		if ((m = /^\/orders\/([^/]+)\/status$/.exec(p)) && method === 'POST') return ok(clone(c.setOrderStatus(decodeURIComponent(m[1]), body.status, body.reason)));
		if ((m = /^\/orders\/([^/]+)\/returns$/.exec(p)) && method === 'POST') return ok(clone(c.returnItems(decodeURIComponent(m[1]), body)));
		if (method === 'GET' && p === '/returns') return ok(sim.state.returns);
		if ((m = /^\/reports\/([^/]+)\/finish$/.exec(p)) && method === 'POST') return ok(clone(c.finishReport(decodeURIComponent(m[1]))));
		if (method === 'GET' && p === '/shipments') return ok(sim.state.shipmentConfirmations);
		if (method === 'GET' && p === '/listings')
			return ok([...sim.state.listings.values()].map((l) => ({ sku: l.sku, itno: l.itno, asin: l.asin, productType: l.productType, quantity: l.quantity, fbaFulfillable: l.fba ? l.fba.fulfillable : null, price: l.price, offers: l.offers || {}, attributes: l.attributes || {}, lastUpdatedDate: l.lastUpdatedDate })));
		if (method === 'GET' && p === '/catalog') return ok(c.catalogCounts());
		if ((m = /^\/listings\/([^/]+)$/.exec(p)) && method === 'PUT') {
			const l = sim.state.listings.get(decodeURIComponent(m[1]));
			if (!l) return { status: 404, body: { error: 'sku not found' } };
			if (body.quantity !== undefined) l.quantity = Number(body.quantity);
			if (body.price !== undefined) l.price = Number(body.price);
			return ok({ sku: l.sku, quantity: l.quantity, price: l.price });
		}
		if (method === 'GET' && p === '/listing-patches') return ok(sim.state.listingPatches);
		if (method === 'GET' && p === '/feeds')
			return ok(
				[...sim.state.feeds.values()].map((f) => {
					const res = f.resultFeedDocumentId ? sim.state.documents.get(f.resultFeedDocumentId) : null;
					return { ...f, resultDocument: res && res.content ? (res.compressed ? require('node:zlib').gunzipSync(res.content) : res.content).toString('utf8') : null };
				}),
			);
		if ((m = /^\/feeds\/([^/]+)\/start$/.exec(p)) && method === 'POST') return ok(c.startFeed(decodeURIComponent(m[1])));
		if ((m = /^\/feeds\/([^/]+)\/finish$/.exec(p)) && method === 'POST') return ok(c.finishFeed(decodeURIComponent(m[1])));
		if (method === 'GET' && p === '/notifications') return ok(sim.state.notifications.map(publicNotification));
		if (method === 'POST' && p === '/notifications/emit') {
			const recs = c.emit(body);
			await Promise.all(recs.map((/** @type {any} */ r) => r.pending).filter(Boolean));
			return ok(recs.map(publicNotification));
		}
		if (method === 'GET' && p === '/requests') {
			let list = sim.state.requestLog;
			if (q.get('operation')) list = list.filter((/** @type {any} */ e) => e.operation === q.get('operation') || (e.operation || '').endsWith('.' + q.get('operation')));
			if (q.get('status')) list = list.filter((/** @type {any} */ e) => String(e.status) === q.get('status'));
			const limit = Number(q.get('limit') || 0);
			return ok({ stats: c.requestStats(), entries: limit ? list.slice(-limit) : list });
		}
		if (method === 'GET' && p === '/faults') return ok(sim.faults.list);
		if (method === 'POST' && p === '/faults') return { status: 201, body: (Array.isArray(body) ? body : [body]).map((f) => c.addFault(f)) };
		if (method === 'DELETE' && p === '/faults') return ok((c.clearFaults(), []));
		if ((m = /^\/faults\/(\d+)$/.exec(p)) && method === 'DELETE') return ok((c.clearFaults(Number(m[1])), sim.faults.list));
		if (method === 'POST' && p === '/expire-tokens') return ok((c.expireTokens(), { expiredBefore: iso(sim.lwa.expiredBefore) }));
		if (method === 'POST' && p === '/eventbridge-target') return ok(c.setEventBridgeTarget(body));
		if (method === 'DELETE' && p === '/eventbridge-target') return ok(c.setEventBridgeTarget(null));
		if (method === 'GET' && p === '/sqs') return ok(sim.sqs.snapshot());
		if (method === 'POST' && p === '/config') return ok(c.configure(body));
		if (method === 'POST' && p === '/reset') return ok(c.reset());
		if (method === 'POST' && p === '/apps') return { status: 201, body: c.addApp(body) };
		return { status: 404, body: { error: `unknown control endpoint ${method} ${u.pathname}` } };
	} catch (e) {
		return { status: 400, body: { error: String(/** @type {any} */ (e).message || e) } };
	}
}

module.exports = { api, handle };
