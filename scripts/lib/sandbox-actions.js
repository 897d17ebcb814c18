// @ts-check
/**
 * What a running sandbox does on its control endpoint (scripts/sandbox.js `--emit/--ship/--fault/--status`): new
 * Amazon orders notified on SQS, M3 orders shipped with ION's Sync.Shipment to the shipment-feedback webhook, faults
 * of either simulator, what the simulators hold.
 */
const fs = require('node:fs');
const path = require('node:path');
const rt = require('./n8n-runtime');

const ION_PATH = 'm3amz-ion-shipment/ion';

/**
 * Creates `n` new merchant-fulfilled US orders on Amazon and sends their ORDER_CHANGE to the SQS queue the
 * order-to-cash trigger polls. @param {any} m3 @param {any} sp @param {number} n @param {{ k: number }} counter
 */
function emitOrders(m3, sp, n, counter) {
	const { orderableSkus, newMfnOrder } = require('../../simulators/cli');
	const skus = orderableSkus(m3, sp);
	const out = [];
	for (let i = 0; i < n; i++) {
		const o = newMfnOrder(sp, skus, counter.k++);
		sp.control.emit({
			type: 'ORDER_CHANGE',
			orderId: o.orderId,
			channel: 'sqs',
		});
		out.push({
			amazonOrderId: o.orderId,
			lines: o.items.map((/** @type {any} */ it) => `${it.quantity} x ${it.sku}`),
		});
	}
	return out;
}

/**
 * Ships every open M3 order of the Amazon customers (delivery, package, tracking number) and sends, as ION would,
 * each order's Sync.Shipment BOD to the shipment-feedback webhook. @param {any} m3 @param {string} n8nUrl @param {any} creds
 */
async function shipOrders(m3, n8nUrl, creds) {
	const bodTemplate = fs.readFileSync(path.join(rt.ROOT, 'test', 'fixtures', 'bods', 'SyncShipment.xml'), 'utf8');
	const key = creds.n8n.inforIonWebhookApi;
	const out = [];
	for (const o of Object.values(m3.state.orders)) {
		const h = /** @type {any} */ (o).head;
		if (!String(h.CUNO).startsWith('AMZ') || Number(h.ORST) >= 66) continue;
		const r = m3.control.ship(String(h.ORNO), { carrier: 'UPS' });
		if (r.error) {
			out.push({ orno: h.ORNO, amazonOrderId: h.CUOR, error: r.error });
			continue;
		}
		const bod = bodTemplate
			.replace(/<BODID>[^<]*<\/BODID>/, `<BODID>sandbox-${h.ORNO}-${Date.now()}</BODID>`)
			.replace(/(<SalesOrderReference>\s*<DocumentID><ID>)[^<]*(<\/ID>)/g, `$1${h.ORNO}$2`);
		const res = await fetch(`${n8nUrl}/webhook/${ION_PATH}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/xml',
				[key.headerName]: key.apiKey,
			},
			body: bod,
			signal: AbortSignal.timeout(60000),
		}).catch((e) => ({ status: 0, statusText: String(e.message) }));
		out.push({
			orno: h.ORNO,
			amazonOrderId: h.CUOR,
			delivery: r.DLIX,
			tracking: r.ETRN,
			ion: res.status,
		});
	}
	return out;
}

/** @param {any} m3 @param {any} sp @param {{ system?: string, status?: number, clear?: boolean }} f */
function setFault(m3, sp, f) {
	if (f.clear) {
		m3.control.clearFaults();
		sp.control.clearFaults();
		return { cleared: true };
	}
	const status = Number(f.status ?? 500);
	if (f.system === 'm3') {
		if (![500, 502, 503, 504].includes(status)) throw new Error('m3 faults: 500, 502, 503 or 504');
		return { m3: m3.control.addFaults({ kind: 'http5xx', status }) };
	}
	if (f.system === 'spapi') {
		if (![500, 503].includes(status)) throw new Error('spapi faults: 500 or 503');
		return {
			spapi: sp.control.addFault({ operation: '*', kind: 'error', status }),
		};
	}
	throw new Error(`unknown system ${f.system} (m3 or spapi)`);
}

/** @param {any} m3 @param {any} sp */
function status(m3, sp) {
	const amazonIds = new Set([...sp.state.orders.keys()]);
	const m3Orders = Object.values(m3.state.orders).map((/** @type {any} */ o) => ({
		orno: o.head.ORNO,
		amazonOrderId: o.head.CUOR,
		status: o.head.ORST,
	}));
	return {
		amazonOrders: amazonIds.size,
		m3Orders: m3Orders.length,
		m3OrdersFromAmazon: m3Orders.filter((o) => amazonIds.has(o.amazonOrderId)),
		shipmentConfirmations: sp.state.shipmentConfirmations.length,
		queued: sp.sim.sqs.snapshot().reduce((/** @type {number} */ n, /** @type {any} */ q) => n + q.messages.length, 0),
		faults: { m3: m3.control.listFaults(), spapi: sp.sim.faults.list },
	};
}


module.exports = { emitOrders, shipOrders, setFault, status };
