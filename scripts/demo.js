// @ts-check
/**
 * `npm run demo [-- --world <name>]`: the main job on the built-in simulators, without an n8n install.
 *
 * Builds the package if needed, starts the M3 and SP-API simulators, then runs the shipped templates
 * (workflows/*.json) through n8n-core's workflow engine with the package's built node types:
 *   order-to-cash (SQS notifications, then a second pass through the backstop poll: nothing is created twice),
 *   shipment-feedback (an ION Sync.Shipment BOD for one order, the schedule fallback for the rest, twice),
 *   inventory-sync, catalog-sync (twice: an unchanged catalog sends nothing), payments-to-gl (twice: the same window is
 *   not posted again; one batch per marketplace and currency).
 * Counts come from the simulators' state, not from the workflows' own claims. Prints a report ending in
 *   DEMO OK orders=<n> duplicates=0 shipments=<n> skus=<n> gl_batches=<n> errors=<n> listings=<n> prices=<n> cancelled=<n> fba_orders=<n> returns=<n> m3_cancels=<n>
 * or DEMO FAILED <reason> with exit code 1, then the audit of both simulators' final state (simulators/worlds/audit.js:
 * violations listed, then `AUDIT checks=<n> violations=<n>`; a violation fails the demo).
 * --world <name>: the world the simulators play (simulators/worlds: 'demo' default, 'eu-us'); the world's Settings
 * for the templates, its fulfilment (deliveries in every progress state) and its GL windows (one run per day) apply.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

function ensureBuilt() {
	if (fs.existsSync(path.join(ROOT, 'dist', 'package.json')) && !process.argv.includes('--rebuild')) return;
	process.stdout.write('Building the package (npm run build)...\n');
	const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true' } });
	if (r.status !== 0) throw new Error('npm run build failed');
}

/** @param {string} file */
function loadTemplate(file) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', file), 'utf8'));
}

/** @param {any} r @param {string} what */
function mustSucceedPlain(r, what) {
	if (r.status !== 'success') {
		const err = r.error;
		throw new Error(`${what}: workflow ended with ${r.status}${err ? `: ${err.message}${err.description ? ` (${err.description})` : ''}` : ''}`);
	}
}

/** @param {any} wf @param {string} name */
function node(wf, name) {
	const n = wf.nodes.find((/** @type {any} */ x) => x.name === name);
	if (!n) throw new Error(`template ${wf.name} has no node "${name}"`);
	return n;
}

/** @param {any} wf @param {string} name @param {unknown} value */
function setSetting(wf, name, value) {
	const a = node(wf, 'Settings').parameters.assignments.assignments.find((/** @type {any} */ x) => x.name === name);
	if (!a) throw new Error(`template ${wf.name} has no setting "${name}"`);
	a.value = typeof value === 'object' ? JSON.stringify(value) : value;
}

/** @param {any} wf @param {string} name */
function settingOf(wf, name) {
	return node(wf, 'Settings').parameters.assignments.assignments.find((/** @type {any} */ x) => x.name === name)?.value;
}

/** `--world eu-us` or `--world=eu-us`. @param {string[]} argv */
function worldArg(argv) {
	const i = argv.findIndex((a) => a === '--world' || a.startsWith('--world='));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

/** A world's Settings for one template (merged over the template's own). @param {any} world @param {any} wf @param {string} file */
function applyWorldSettings(world, wf, file) {
	const all = world.demo && world.demo.settings ? world.demo.settings() : {};
	for (const [k, v] of Object.entries(all[file] ?? {})) setSetting(wf, k, v);
}

async function main() {
	ensureBuilt();
	const { startM3Simulator } = require('../simulators/m3');
	const { startSpApiSimulator } = require('../simulators/spapi');
	const { demoCredentials } = require('../simulators/cli');
	const engine = require('../test/harness/engine');
	const { loadWorld } = require('../simulators/worlds');
	const { runAudit, formatAudit } = require('../simulators/worlds/audit');

	const world = loadWorld(worldArg(process.argv.slice(2)));
	/** what the flows did, for the audit */
	/** @type {Record<string, any>} */
	const run = {};
	const m3 = await startM3Simulator({ seed: 1, timeScale: 30, world: world.name });
	const sp = await startSpApiSimulator({ seed: 1, timeScale: 30, world: world.name });
	const stops = [() => m3.close(), () => sp.close()];
	try {
		const creds = demoCredentials(m3, sp);
		const session = engine.createSession({
			from: 'dist',
			credentials: {
				inforM3Api: creds.n8n.inforM3ApiIon,
				amazonSpApi: creds.n8n.amazonSpApi,
				awsSqsApi: creds.n8n.awsSqsApi,
				inforIonWebhookApi: creds.n8n.inforIonWebhookApi,
			},
		});
		if (session.missing.length) throw new Error(`built package is missing ${session.missing.join(', ')}`);
		process.stdout.write(`M3 simulator ${m3.url}, SP-API simulator ${sp.url}${world.name === 'demo' ? '' : ` (world ${world.name})`}\n`);
		// the error handler first, and its dead-letter table (where every template keeps the items it could not process)
		const errorHandler = loadTemplate('error-handler.json');
		session.register(errorHandler);
		mustSucceedPlain(await session.run(errorHandler, { startNode: 'Create the dead-letter table' }), 'error-handler set-up');
		/** A run may fail only on purpose: items kept in the dead letter ("Fail the execution"). @param {any} r @param {string} what */
		const mustSucceed = (r, what) => {
			if (r.status !== 'success' && r.runData['Fail the execution'] === undefined) mustSucceedPlain(r, what);
		};

		// ---------------------------------------------------------------------------------- order-to-cash
		const o2c = loadTemplate('order-to-cash.json');
		// FBA orders are imported as shipped into the FBA warehouse (the template's default is to skip them)
		setSetting(o2c, 'fbaOrders', 'importAsShipped');
		applyWorldSettings(world, o2c, 'order-to-cash.json');
		node(o2c, 'Amazon order notifications (SQS)').parameters.queueUrl = creds.spapi.sqs.queueUrl;
		node(o2c, 'Amazon order notifications (SQS)').parameters.sqsOptions = { waitTimeSeconds: 0 };
		// the seeded orders are days old: let the backstop look back far enough to find them
		node(o2c, 'Missed orders backstop').parameters.backstopOptions = { fulfilledBy: '', initialLookbackMinutes: 60 * 24 * 30 };
		const amazonOrders = [...sp.state.orders.values()];
		run.o2c = {
			importStatuses: String(node(o2c, 'Settings').parameters.assignments.assignments.find((/** @type {any} */ a) => a.name === 'importStatuses')?.value ?? 'UNSHIPPED').split(',').map((x) => x.trim()),
			statusAtImport: Object.fromEntries(amazonOrders.map((o) => [o.orderId, o.status])),
			fbaOrders: settingOf(o2c, 'fbaOrders'),
			fbaWarehouse: settingOf(o2c, 'fbaWarehouse'),
		};
		for (const o of amazonOrders) sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		let notifications = 0;
		let createdFirstPass = 0;
		for (let round = 0; round < 20; round++) {
			const polled = await engine.runPoll(session, o2c, 'Amazon order notifications (SQS)');
			if (!polled || polled[0].length === 0) break;
			notifications += polled[0].length;
			const r = await session.run(o2c, { startNode: 'Amazon order notifications (SQS)', input: polled[0], mode: 'trigger' });
			mustSucceed(r, 'order-to-cash (SQS)');
			createdFirstPass += (r.output('Create M3 customer order') ?? []).filter((/** @type {any} */ j) => j.created === true).length;
		}
		// second pass: the backstop finds the same orders again; M3 must not get a second copy of any
		const backstop = await engine.runPoll(session, o2c, 'Missed orders backstop');
		let createdSecondPass = 0;
		let foundAgain = 0;
		if (backstop && backstop[0].length) {
			const r2 = await session.run(o2c, { startNode: 'Missed orders backstop', input: backstop[0], mode: 'trigger' });
			mustSucceed(r2, 'order-to-cash (backstop)');
			const out = r2.output('Create M3 customer order') ?? [];
			createdSecondPass = out.filter((/** @type {any} */ j) => j.created === true).length;
			foundAgain = out.filter((/** @type {any} */ j) => j.created === false).length;
		}
		const m3Orders = Object.values(m3.state.orders);
		const byCuor = new Map();
		for (const o of m3Orders) byCuor.set(o.head.CUOR, (byCuor.get(o.head.CUOR) ?? 0) + 1);
		const amazonIds = new Set(amazonOrders.map((o) => o.orderId));
		const importedCuors = [...byCuor.keys()].filter((c) => amazonIds.has(c));
		const duplicates = [...byCuor.entries()].filter(([c, n]) => amazonIds.has(c) && n > 1).length;
		process.stdout.write(
			`order-to-cash: ${notifications} notifications -> ${createdFirstPass} M3 orders created; backstop pass: ${createdSecondPass} created, ${foundAgain} found already in M3\n`,
		);
		// FBA orders Amazon shipped, in M3 as delivered orders of the FBA warehouse (no picking, no merchant stock)
		const fbaIds = new Set(amazonOrders.filter((/** @type {any} */ a) => a.fulfilledBy === 'AMAZON').map((/** @type {any} */ a) => a.orderId));
		const fbaShipped = amazonOrders.filter((/** @type {any} */ a) => a.fulfilledBy === 'AMAZON' && a.status === 'SHIPPED').length;
		const fbaInM3 = m3Orders.filter((o) => fbaIds.has(o.head.CUOR));
		const fbaDelivered = fbaInM3.filter((o) => o.head.WHLO === run.o2c.fbaWarehouse && o.lines.every((/** @type {any} */ l) => Number(l.ORST) >= 66));
		process.stdout.write(`fba orders: ${fbaShipped} shipped by Amazon -> ${fbaInM3.length} M3 orders in warehouse ${run.o2c.fbaWarehouse} (${fbaDelivered.length} delivered without picking)\n`);

		// ---------------------------------------------------------------------------------- buyer cancellations
		// two buyers cancel before anything is picked: one whole order, one item of another; ORDER_CHANGE -> M3 lines deleted
		const cancellable = m3Orders
			.filter((o) => amazonIds.has(o.head.CUOR) && o.lines.length > 0 && o.lines.every((/** @type {any} */ l) => Number(l.ORST) < 44))
			.map((o) => sp.state.orders.get(o.head.CUOR))
			.filter((/** @type {any} */ a) => a && a.status === 'UNSHIPPED');
		const wholeCancel = cancellable[0];
		const partCancel = cancellable.find((/** @type {any} */ a) => a !== wholeCancel && a.items.length >= 2);
		if (wholeCancel) sp.control.setOrderStatus(wholeCancel.orderId, 'CANCELLED', 'Buyer Requested Cancel');
		if (partCancel) sp.control.cancelItems(partCancel.orderId, [partCancel.items[0].orderItemId]);
		for (const a of [wholeCancel, partCancel].filter(Boolean)) sp.control.emit({ type: 'ORDER_CHANGE', orderId: a.orderId, channel: 'sqs' });
		for (let round = 0; round < 5; round++) {
			const polled = await engine.runPoll(session, o2c, 'Amazon order notifications (SQS)');
			if (!polled || polled[0].length === 0) break;
			mustSucceed(await session.run(o2c, { startNode: 'Amazon order notifications (SQS)', input: polled[0], mode: 'trigger' }), 'order-to-cash (cancellations)');
		}
		const cancelledIds = [...sp.state.orders.values()].filter((/** @type {any} */ a) => a.items.some((/** @type {any} */ it) => it.cancelled)).map((/** @type {any} */ a) => a.orderId);
		const cancelledInM3 = m3Orders.filter((o) => cancelledIds.includes(o.head.CUOR) && (o.deletedLines ?? []).length > 0);
		run.cancellations = { requested: [wholeCancel, partCancel].filter(Boolean).map((/** @type {any} */ a) => a.orderId) };
		process.stdout.write(
			`cancellations: ${run.cancellations.requested.length} buyer cancellations on Amazon -> ${cancelledInM3.length} M3 orders with lines deleted (${cancelledInM3.reduce((n, o) => n + o.deletedLines.length, 0)} lines)\n`,
		);

		// ---------------------------------------------------------------------------------- M3 cancels -> Amazon
		// M3 has no stock for one line of an order (closed without delivery, CloLine) and deletes every line of another:
		// m3-cancellations cancels those items / that order on Amazon (order acknowledgement feed); a second run sends nothing
		const { closeLine, deleteLine } = require('../simulators/m3/lifecycle');
		const open = m3Orders
			.filter((o) => amazonIds.has(o.head.CUOR) && !fbaIds.has(o.head.CUOR) && o.lines.length > 0 && o.lines.every((/** @type {any} */ l) => Number(l.ORST) < 44))
			.filter((o) => { const a = sp.state.orders.get(o.head.CUOR); return a && a.status === 'UNSHIPPED' && !a.items.some((/** @type {any} */ it) => it.cancelled); });
		const closeOne = open.find((o) => o.lines.length >= 2) ?? open[0];
		const deleteAll = open.find((o) => o !== closeOne);
		if (closeOne) closeLine(m3.state, closeOne, { PONR: closeOne.lines[0].PONR, POSX: '0' });
		if (deleteAll) for (const l of [...deleteAll.lines]) deleteLine(m3.state, deleteAll, { PONR: l.PONR, POSX: '0' });
		const mc = loadTemplate('m3-cancellations.json');
		applyWorldSettings(world, mc, 'm3-cancellations.json');
		const cancelNode = node(mc, 'Cancel on Amazon');
		cancelNode.parameters.options = { ...cancelNode.parameters.options, pollIntervalSeconds: 1 };
		const ackFeeds = () => [...sp.state.feeds.values()].filter((/** @type {any} */ f) => f.feedType === 'POST_ORDER_ACKNOWLEDGEMENT_DATA').length;
		mustSucceed(await session.run(mc, { startNode: 'Every 30 minutes' }), 'm3-cancellations');
		const ackFeedsFirst = ackFeeds();
		mustSucceed(await session.run(mc, { startNode: 'Every 30 minutes' }), 'm3-cancellations (second run)');
		const ackResent = ackFeeds() - ackFeedsFirst;
		const sellerCancels = /** @type {any[]} */ (sp.state.sellerCancellations ?? []);
		const m3CancelledOrders = new Set(sellerCancels.map((c) => c.orderId));
		run.m3Cancellations = { requested: [closeOne, deleteAll].filter(Boolean).map((o) => o.head.CUOR) };
		process.stdout.write(
			`m3-cancellations: ${run.m3Cancellations.requested.length} M3 orders closed without delivery -> ${m3CancelledOrders.size} Amazon orders cancelled by the seller (${sellerCancels.length} items, ${ackFeedsFirst} order acknowledgement feed(s)); second run sent ${ackResent}\n`,
		);

		// ---------------------------------------------------------------------------------- shipment-feedback
		const sf = loadTemplate('shipment-feedback.json');
		applyWorldSettings(world, sf, 'shipment-feedback.json');
		const carriers = ['UPS', 'FDX', 'DHL'];
		// an order whose every line was cancelled has nothing to ship
		const toShip = m3Orders.filter((o) => amazonIds.has(o.head.CUOR) && !fbaIds.has(o.head.CUOR) && o.lines.length > 0).map((o) => o.head).sort((a, b) => (a.CUOR < b.CUOR ? -1 : 1));
		/** @type {any[]} */
		let notShipped;
		if (world.demo && world.demo.fulfil) {
			// the world puts the deliveries into every progress state (issued, in picking, partly delivered, ...)
			run.fulfilment = world.demo.fulfil(m3, toShip.map((o) => o.ORNO));
			notShipped = run.fulfilment.filter((/** @type {any} */ f) => f.deliveries.length === 0);
		} else notShipped = toShip.filter((o, i) => /** @type {any} */ (m3.control.ship(o.ORNO, { carrier: carriers[i % carriers.length] })).error);
		const confirmationsBefore = sp.state.shipmentConfirmations.length;
		// one order arrives as an ION Sync.Shipment BOD, the others through the schedule fallback
		if (toShip.length) {
			const bod = fs
				.readFileSync(path.join(ROOT, 'test', 'fixtures', 'bods', 'SyncShipment.xml'), 'utf8')
				.replace(/<BODID>[^<]*<\/BODID>/, `<BODID>demo-${toShip[0].ORNO}</BODID>`)
				.replace(/(<SalesOrderReference>\s*<DocumentID><ID>)[^<]*(<\/ID>)/g, `$1${toShip[0].ORNO}$2`);
			const hook = await engine.runWebhook(session, sf, 'ION Sync.Shipment', {
				headers: { 'content-type': 'text/plain', 'x-api-key': String(creds.n8n.inforIonWebhookApi.apiKey) },
				rawBody: bod,
			});
			const emitted = hook.response.workflowData?.[0] ?? [];
			if (hook.res.statusCode >= 400 || emitted.length !== 1) {
				throw new Error(`ION trigger did not accept the demo BOD (HTTP ${hook.res.statusCode}: ${String(hook.res.body).slice(0, 200)})`);
			}
			const r = await session.run(sf, { startNode: 'ION Sync.Shipment', input: emitted, mode: 'trigger' });
			mustSucceed(r, 'shipment-feedback (ION)');
		}
		for (let pass = 0; pass < 2; pass++) {
			const r = await session.run(sf, { startNode: 'Every 30 minutes' });
			mustSucceed(r, 'shipment-feedback (schedule)');
		}
		const confirmations = sp.state.shipmentConfirmations.slice(confirmationsBefore);
		const confirmedKeys = new Set(confirmations.map((c) => `${c.orderId}#${c.packageDetail?.packageReferenceId}`));
		const duplicateConfirmations = confirmations.length - confirmedKeys.size;
		process.stdout.write(
			`shipment-feedback: ${toShip.length - notShipped.length} M3 orders shipped (${notShipped.length} without stock to ship) -> ${confirmations.length} package confirmations on Amazon (${duplicateConfirmations} repeated)\n`,
		);

		// ---------------------------------------------------------------------------------- returns-to-m3
		// buyers return shipped orders (one unit of one, every item of others); Amazon refunds them -> M3 customer returns
		const ret = loadTemplate('returns-to-m3.json');
		applyWorldSettings(world, ret, 'returns-to-m3.json');
		const o2cCustomers = node(o2c, 'Settings').parameters.assignments.assignments.find((/** @type {any} */ a) => a.name === 'customerMap');
		if (o2cCustomers) setSetting(ret, 'customerMap', o2cCustomers.value);
		if (run.o2c.fbaOrders === 'importAsShipped') {
			// FBA orders are in M3 (payments-to-gl below books them on the order road too): their refunds become M3 returns
			// into the FBA warehouse; `roads` stays equal to payments-to-gl's accounting.roads
			const raw = settingOf(ret, 'restock');
			const restock = typeof raw === 'string' ? JSON.parse(raw) : raw;
			setSetting(ret, 'roads', { MFN: 'order', AFN: 'order' });
			setSetting(ret, 'restock', { ...restock, fbaWarehouse: String(settingOf(o2c, 'fbaWarehouse') ?? '') });
		}
		for (const n of ['Wait for MFN returns report', 'Wait for FBA returns report']) node(ret, n).parameters.options = { waitForCompletion: true, pollIntervalSeconds: 0.2 };
		const returnable = toShip
			.map((h) => sp.state.orders.get(h.CUOR))
			.filter((/** @type {any} */ a) => a && a.fulfilledBy !== 'AMAZON' && a.items.some((/** @type {any} */ it) => it.quantityShipped > 0))
			.slice(0, 3);
		returnable.forEach((/** @type {any} */ a, k) => {
			const items = a.items.filter((/** @type {any} */ it) => it.quantityShipped > 0);
			sp.control.returnItems(a.orderId, k === 0 ? { items: [{ orderItemId: items[0].orderItemId, quantity: 1 }], reason: 'DEFECTIVE' } : { reason: 'NO_LONGER_NEEDED' });
		});
		// an FBA order M3 has (imported as shipped): Amazon's FBA returns report says it went back to sellable stock
		const fbaReturn = run.o2c.fbaOrders === 'importAsShipped' ? fbaDelivered.map((o) => sp.state.orders.get(o.head.CUOR)).find((/** @type {any} */ a) => a && a.items.some((/** @type {any} */ it) => it.quantityShipped > 0)) : undefined;
		if (fbaReturn) {
			sp.control.returnItems(fbaReturn.orderId, { disposition: 'SELLABLE', reason: 'UNWANTED_ITEM' });
			returnable.push(fbaReturn);
		}
		let returnsCreated = 0;
		for (let pass = 0; pass < 2; pass++) {
			const r = await session.run(ret, { startNode: 'Every 6 hours' });
			mustSucceed(r, 'returns-to-m3');
			returnsCreated += (r.output('Create M3 customer return') ?? []).filter((/** @type {any} */ j) => j.created === true).length;
		}
		const m3Returns = Object.values(m3.state.returns);
		const returnedCuors = new Set(returnable.map((/** @type {any} */ a) => a.orderId));
		const returnsInM3 = m3Returns.filter((/** @type {any} */ x) => returnedCuors.has((m3.state.orders[x.head.RORN] || { head: {} }).head.CUOR));
		const creditLines = m3Returns.reduce((n, /** @type {any} */ x) => n + x.lines.length, 0);
		run.returns = { requested: [...returnedCuors] };
		process.stdout.write(
			`returns-to-m3: ${returnable.length} refunded returns on Amazon${fbaReturn ? ' (1 FBA)' : ''} -> ${returnsInM3.length} M3 customer returns (${creditLines} lines, ${m3Returns.filter((/** @type {any} */ x) => x.lines.some((/** @type {any} */ l) => l.WHSL === 'SCRAP')).length} with scrapped lines${fbaReturn ? `, ${m3Returns.filter((/** @type {any} */ x) => x.head.WHLO === run.o2c.fbaWarehouse).length} into warehouse ${run.o2c.fbaWarehouse}` : ''}); second run created ${returnsCreated - returnsInM3.length}\n`,
		);

		// ---------------------------------------------------------------------------------- inventory-sync
		const inv = loadTemplate('inventory-sync.json');
		setSetting(inv, 'sellerId', creds.spapi.sellerId);
		applyWorldSettings(world, inv, 'inventory-sync.json');
		const invSettings = Object.fromEntries(node(inv, 'Settings').parameters.assignments.assignments.map((/** @type {any} */ a) => [a.name, a.value]));
		run.inventory = {
			warehouses: String(invSettings.warehouses).split(',').map((x) => x.trim()).filter(Boolean),
			figure: invSettings.figure, bufferType: invSettings.bufferType, bufferValue: invSettings.bufferValue,
			minQuantity: invSettings.minQuantity, maxQuantity: invSettings.maxQuantity, aliasType: invSettings.skuAliasType,
		};
		const quantities = () => new Map([...sp.state.listings.values()].map((/** @type {any} */ l) => [l.sku, l.quantity]));
		const before = quantities();
		const patchesBefore = sp.state.listingPatches.length;
		const feedsBefore = sp.state.feeds.size;
		const ri = await session.run(inv, { startNode: 'Every 15 minutes' });
		mustSucceed(ri, 'inventory-sync');
		const after = quantities();
		const skus = [...after.entries()].filter(([sku, q]) => before.get(sku) !== q).length;
		// the same stock again: nothing changed in M3, so nothing may be sent
		const feedsMid = sp.state.feeds.size;
		const patchesMid = sp.state.listingPatches.length;
		const ri2 = await session.run(inv, { startNode: 'Every 15 minutes' });
		mustSucceed(ri2, 'inventory-sync (second run)');
		const resent = sp.state.feeds.size - feedsMid + (sp.state.listingPatches.length - patchesMid);
		process.stdout.write(
			`inventory-sync: ${skus} SKU quantities changed on Amazon (${feedsMid - feedsBefore} feed(s), ${patchesMid - patchesBefore} patch(es)); second run sent ${resent}\n`,
		);

		// ---------------------------------------------------------------------------------- catalog-sync
		const cat = loadTemplate('catalog-sync.json');
		const sendListings = node(cat, 'Send listings to Amazon');
		sendListings.parameters.options = { ...sendListings.parameters.options, pollIntervalSeconds: 1 };
		const feedsBeforeCatalog = sp.state.feeds.size;
		const rc = await session.run(cat, { startNode: 'Every hour' });
		mustSucceed(rc, 'catalog-sync');
		const catalog = sp.control.catalogCounts();
		const catalogFeeds = sp.state.feeds.size - feedsBeforeCatalog;
		// refused before anything was sent (the seed has items without a brand): kept in the dead letter
		const refused = (rc.output('Send listings to Amazon', 1) ?? []).length;
		const writtenBack = (rc.output('Write ASIN and status to M3') ?? []).filter((/** @type {any} */ j) => j.action === 'added' || j.action === 'changed').length;
		// the same catalog again: nothing changed in M3, so nothing may be sent (listings, feeds) or written back
		const catalogCalls = () => sp.state.requestLog.filter((/** @type {any} */ e) => /^(listings\.(put|patch)ListingsItem|feeds\.createFeed)$/.test(String(e.operation))).length;
		const catalogCallsMid = catalogCalls();
		const m3WritesMid = ['CUSEXTMI/AddFieldValue', 'CUSEXTMI/ChgFieldValue'].reduce((n, k) => n + (m3.state.requestCounts[k] ?? 0), 0);
		const rc2 = await session.run(cat, { startNode: 'Every hour' });
		mustSucceed(rc2, 'catalog-sync (second run)');
		const catalogResent = catalogCalls() - catalogCallsMid;
		const m3Rewrites = ['CUSEXTMI/AddFieldValue', 'CUSEXTMI/ChgFieldValue'].reduce((n, k) => n + (m3.state.requestCounts[k] ?? 0), 0) - m3WritesMid;
		process.stdout.write(
			`catalog-sync: ${catalog.listings} listings and ${catalog.prices} offer prices on Amazon (${catalogFeeds} feed(s), ${catalog.definitionRequests} product type definitions), ${refused} refused (kept in the dead letter), ASIN and status written to M3 for ${writtenBack}; second run sent ${catalogResent} and wrote ${m3Rewrites} to M3\n`,
		);

		// ---------------------------------------------------------------------------------- payments-to-gl
		const gl = loadTemplate('payments-to-gl.json');
		applyWorldSettings(world, gl, 'payments-to-gl.json');
		if (run.o2c.fbaOrders === 'importAsShipped') {
			// FBA orders are in M3 and invoiced there: their settlements clear the receivable, as MFN orders do
			const raw = settingOf(gl, 'accounting');
			const accounting = typeof raw === 'string' ? JSON.parse(raw) : raw;
			setSetting(gl, 'accounting', { ...accounting, roads: { ...(accounting.roads ?? {}), AFN: 'order' } });
		}
		/** @type {Array<{ start: string, end: string }>} */
		const windows = [];
		const glDays = world.demo && world.demo.glDays;
		if (glDays) {
			// one run per UTC day, as the daily schedule does, then the last day again (nothing may be posted twice)
			const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
			for (let d = glDays; d >= 1; d--) windows.push({ start: new Date(today - d * 86400000).toISOString(), end: new Date(today - (d - 1) * 86400000).toISOString() });
			windows.push(windows[windows.length - 1]);
		} else {
			// the demo posts the simulator's whole history as one window (the template posts yesterday), twice
			const w = { start: new Date(Date.now() - 60 * 86400000).toISOString().slice(0, 10) + 'T00:00:00.000Z', end: new Date(Date.now() - 5 * 60000).toISOString() };
			windows.push(w, w);
		}
		// the Settings the runs use (accounts, accounting model), for the audit's expected figures
		const glSettings = Object.fromEntries(
			node(gl, 'Settings').parameters.assignments.assignments.map((/** @type {any} */ a) => [a.name, a.type === 'object' && typeof a.value === 'string' ? JSON.parse(a.value) : a.value]),
		);
		run.gl = { windows: windows.slice(0, glDays ? -1 : 1), settings: glSettings };
		let glPosted = 0;
		for (const w of windows) {
			setSetting(gl, 'windowStart', w.start);
			setSetting(gl, 'windowEnd', w.end);
			const r = await session.run(gl, { startNode: 'Every day at 03:00' });
			mustSucceed(r, 'payments-to-gl');
			glPosted += (r.output('Post GL batch to M3') ?? []).filter((/** @type {any} */ j) => j.created === true).length;
		}
		const glBatches = Object.values(m3.state.glBatches);
		process.stdout.write(`payments-to-gl: ${glBatches.length} GL batch(es) in M3 (${glPosted} posted over ${windows.length} runs of ${run.gl.windows.length} window(s), the last one twice)\n`);

		// ---------------------------------------------------------------------------------- report
		// every item a template could not process is in the dead letter (n8n data table m3amz_dead_letter)
		const errors = session.dataTables.rows('m3amz_dead_letter').filter((/** @type {any} */ r) => r.status === 'open');
		if (errors.length) {
			process.stdout.write(`items kept in the dead letter (${errors.length}):\n`);
			for (const e of errors) process.stdout.write(`  [${e.workflow} / ${e.node}] ${e.key}: ${e.reason}\n`);
		}
		const problems = [];
		if (importedCuors.length === 0) problems.push('no Amazon order reached M3');
		if (run.cancellations.requested.length && cancelledInM3.length === 0) problems.push('no buyer cancellation reached M3');
		if (run.o2c.fbaOrders === 'importAsShipped' && fbaShipped > 0 && fbaDelivered.length === 0) problems.push('no FBA order was imported as shipped');
		if (returnable.length && returnsInM3.length !== returnable.length) problems.push(`${returnable.length} refunded returns, ${returnsInM3.length} M3 customer returns`);
		if (returnsCreated !== returnsInM3.length) problems.push(`${returnsCreated} M3 returns reported created for ${returnsInM3.length} in M3 (a replay created one again)`);
		if (run.m3Cancellations.requested.length && m3CancelledOrders.size === 0) problems.push('no M3 cancellation reached Amazon');
		if (ackResent > 0) problems.push(`the second m3-cancellations run sent ${ackResent} feed(s) again`);
		if (sellerCancels.length !== new Set(sellerCancels.map((c) => `${c.orderId}|${c.orderItemId}`)).size) problems.push('an Amazon item was cancelled twice');
		if (duplicates > 0) problems.push(`${duplicates} Amazon orders exist more than once in M3`);
		if (createdSecondPass > 0) problems.push(`the second pass created ${createdSecondPass} orders again`);
		if (confirmations.length === 0) problems.push('no shipment confirmation reached Amazon');
		if (duplicateConfirmations > 0) problems.push(`${duplicateConfirmations} shipment confirmations were sent twice`);
		if (skus === 0) problems.push('no SKU quantity was updated');
		if (resent > 0) problems.push(`the second inventory run sent ${resent} unchanged quantities again`);
		if (catalog.listings === 0 || catalog.prices === 0) problems.push('no listing or offer price reached Amazon');
		if (catalogResent > 0 || m3Rewrites > 0) problems.push(`the second catalog run sent ${catalogResent} listing requests and wrote ${m3Rewrites} M3 records again`);
		if (!glDays) {
			// one batch per marketplace + currency that has transactions in the window
			const w = run.gl.windows[0];
			const inWindow = sp.state.transactions.filter((/** @type {any} */ t) => t.transactionStatus === 'RELEASED' && t.postedDate >= w.start && Date.parse(t.postedDate) < Date.parse(w.end));
			const groups = new Set(inWindow.map((/** @type {any} */ t) => `${t.marketplaceDetails.marketplaceId}|${t.totalAmount.currencyCode}`));
			if (glBatches.length !== groups.size) problems.push(`expected ${groups.size} GL batches (one per marketplace and currency) for the window, found ${glBatches.length}`);
		}
		if (glDays && glBatches.length === 0) problems.push('no GL batch was posted');
		if (glPosted !== glBatches.length) problems.push(`${glPosted} GL batches reported created, ${glBatches.length} in M3`);

		// ---------------------------------------------------------------------------------- audit
		run.deadLetter = session.dataTables.rows('m3amz_dead_letter');
		const audit = runAudit({ world, m3, sp, run });
		if (audit.violations.length) problems.push(`the audit found ${audit.violations.length} violation(s)`);
		const auditLines = formatAudit(audit);
		for (const l of auditLines.slice(0, -1)) process.stdout.write(`${l}\n`);
		if (problems.length) process.stdout.write(`DEMO FAILED ${problems.join('; ')}\n`);
		else {
			process.stdout.write(
				`DEMO OK orders=${importedCuors.length} duplicates=${duplicates} shipments=${confirmations.length} skus=${skus} gl_batches=${glBatches.length} errors=${errors.length} listings=${catalog.listings} prices=${catalog.prices} cancelled=${cancelledInM3.length} fba_orders=${fbaDelivered.length} returns=${returnsInM3.length} m3_cancels=${m3CancelledOrders.size}\n`,
			);
		}
		process.stdout.write(`${auditLines[auditLines.length - 1]}\n`);
		return problems.length ? 1 : 0;
	} finally {
		for (const s of stops) await s().catch(() => undefined);
	}
}

main().then(
	(code) => process.exit(code),
	(e) => {
		process.stdout.write(`DEMO FAILED ${String(e && e.message ? e.message : e).split('\n')[0]}\n`);
		if (process.env.DEMO_DEBUG) process.stderr.write(`${e && e.stack}\n`);
		process.exit(1);
	},
);
