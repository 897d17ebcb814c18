/**
 * (4) M3 delivery -> canonical Shipment -> Amazon confirmShipment input (docs/contracts.md) or a
 * POST_ORDER_FULFILLMENT_DATA XML feed for bulk back-fill.
 *
 * Input item (documented in docs/contracts.md "M3 delivery input"):
 * { orderHead: {ORNO, CUOR, CUNO?}, orderLines?: [{PONR, POSX, CUOR(=Amazon orderItemId), ITNO}],
 *   deliveryLines: [{DLIX, RIDN, RIDL, RIDX, ITNO, TRQT, CUOR?}], deliveryHeads | deliveryHead: {DLIX, ETRN, FWNO, MODL,
 *   DSDT, DSHM}, packages?: [{DLIX, PANR, ETRN, GRWE, lines?: [{RIDL, RIDX, TRQT}]}], marketplaceId? }
 * M3 dates and time zones: m3DateTime.ts; Shipment -> confirmShipment / feed XML: shipmentToAmazon.ts.
 */
import { CANONICAL_VERSION, type Package, type Shipment } from '../canonical/schemas';
import { parseDec, decIsInteger, decToInt, decAdd, type Dec } from '../canonical/decimal';
import { fail, isRecord, issue, nonEmpty, ok, type Issue, type Result } from './result';
import { isTimeZone, m3DateTimeInZone } from './m3DateTime';

export { isTimeZone, m3DateTimeInZone, m3DateTimeToIso } from './m3DateTime';
export { shipmentToConfirmShipment, shipmentsToFulfillmentFeed, type ConfirmShipmentInput } from './shipmentToAmazon';

export type CarrierMapEntry = string | { carrierCode: string; carrierName?: string; shippingMethod?: string };

export interface ShipmentOptions {
	/** keys tried: "FWNO/MODL", "FWNO", "*\/MODL"; value = Amazon carrier code or {carrierCode, carrierName?, shippingMethod?} */
	carrierMap?: Record<string, CarrierMapEntry>;
	/** marketplace when the item has none: per CUNO first, then the default */
	marketplaceByCustomer?: Record<string, string>;
	marketplaceId?: string;
	/** M3 dates are local: offset of the M3 site, e.g. "+01:00" (default "+00:00"); timeZone wins when set */
	timezoneOffset?: string;
	/** time zone of the warehouses' departure dates (IANA name such as "Europe/Berlin", or an offset "+01:00") */
	timeZone?: string;
	/** per warehouse (WHLO): IANA time zone name or offset; a warehouse not listed uses timeZone */
	warehouseTimeZones?: Record<string, string>;
	/** lowest M3 delivery progress status (PGRS) of an issued delivery (default "60"); deliveries with a lower PGRS
	 * are left out (a delivery without PGRS is taken as issued: the caller selected it) */
	issuedFrom?: string;
	/** 'auto' (default): one Amazon package per M3 package when packages list their lines, else one per delivery */
	packageMode?: 'auto' | 'delivery' | 'package';
	/** require the Amazon order id pattern 123-1234567-1234567 on CUOR (default true) */
	requireAmazonOrderId?: boolean;
	unit?: string;
}

/** Amazon carrier codes (OrderFulfillment CarrierCode values); matched case-insensitively. */
export const AMAZON_CARRIER_CODES = [
	'Amazon Shipping', 'Aramex', 'Asendia', 'Australia Post', 'BlueDart', 'Blue Package', 'BRT', 'Canada Post',
	'Chronopost', 'City Link', 'Colissimo', 'Correos', 'Delhivery', 'Deutsche Post', 'DHL', 'DHL eCommerce',
	'DHL Global Mail', 'DPD', 'DTDC', 'Evri', 'Fastway', 'FedEx', 'FedEx SmartPost', 'First Flight', 'GLS', 'GO!',
	'Hermes', 'Hermes Logistik Gruppe', 'India Post', 'Japan Post', 'La Poste', 'Lasership', 'Newgistics', 'OnTrac',
	'OSM', 'Other', 'Overnite Express', 'Parcelforce', 'Parcelnet', 'PostNL', 'Poste Italiane', 'Professional',
	'Purolator', 'Royal Mail', 'Sagawa', 'SagawaExpress', 'SDA', 'SEUR', 'Smartmail', 'Streamlite', 'Target', 'TNT',
	'UPS', 'UPS Mail Innovations', 'UPSMI', 'USPS', 'Yamato Transport', 'YamatoTransport', 'Yodel',
];
const CARRIER_LC = new Map(AMAZON_CARRIER_CODES.map((c) => [c.toLowerCase(), c]));
const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

export function resolveCarrier(
	fwno: string | undefined,
	modl: string | undefined,
	map: Record<string, CarrierMapEntry> = {},
): { code: string; name?: string; shippingMethod?: string } {
	const keys: string[] = [];
	if (fwno && modl) keys.push(`${fwno}/${modl}`);
	if (fwno) keys.push(fwno);
	if (modl) keys.push(`*/${modl}`);
	for (const k of keys) {
		const e = map[k];
		if (e === undefined) continue;
		const entry = typeof e === 'string' ? { carrierCode: e } : e;
		const known = CARRIER_LC.get(entry.carrierCode.toLowerCase());
		const r: { code: string; name?: string; shippingMethod?: string } = { code: known ?? 'Other' };
		if (!known || known === 'Other') r.name = entry.carrierName ?? entry.carrierCode;
		else if (entry.carrierName) r.name = entry.carrierName;
		if (entry.shippingMethod) r.shippingMethod = entry.shippingMethod;
		return r;
	}
	const byName = fwno ? CARRIER_LC.get(fwno.toLowerCase()) : undefined;
	if (byName) return { code: byName };
	return { code: 'Other', name: fwno ?? modl ?? 'Other' };
}

function arr(v: unknown): Record<string, unknown>[] {
	if (Array.isArray(v)) return v.filter(isRecord);
	if (isRecord(v)) return [v];
	return [];
}
function posx(v: unknown): string {
	const s = nonEmpty(v);
	return s ? String(Number(s)) : '0';
}
function lineKey(ponr: unknown, px: unknown): string {
	return `${String(Number(nonEmpty(ponr) ?? 'NaN'))}/${posx(px)}`;
}

/**
 * The Infor M3 node's "delivery / getShipmentFeedback" item ({ORNO, CUOR, CUNO, deliveries: [{DLIX, ETRN, FWNO, MODL,
 * DSDT, DSHM, head, lines: [{PONR, POSX, ITNO, TRQT, CUOR}], packages}]}) -> the flat input shape.
 */
export function fromShipmentFeedback(fb: Record<string, unknown>): Record<string, unknown> {
	const deliveryHeads: Record<string, unknown>[] = [];
	const deliveryLines: Record<string, unknown>[] = [];
	const packages: Record<string, unknown>[] = [];
	for (const d of arr(fb.deliveries)) {
		const head = isRecord(d.head) ? d.head : {};
		const h: Record<string, unknown> = { ...head };
		for (const k of ['DLIX', 'ETRN', 'FWNO', 'MODL', 'DSDT', 'DSHM', 'PGRS', 'WHLO']) if (d[k] !== undefined && d[k] !== '') h[k] = d[k];
		deliveryHeads.push(h);
		for (const l of arr(d.lines)) deliveryLines.push({ ...l, DLIX: d.DLIX, RIDL: l.RIDL ?? l.PONR, RIDX: l.RIDX ?? l.POSX });
		for (const p of arr(d.packages)) packages.push({ ...p, DLIX: p.DLIX ?? d.DLIX });
	}
	const out: Record<string, unknown> = {
		orderHead: { ORNO: fb.ORNO, CUOR: fb.CUOR, CUNO: fb.CUNO, ORSL: fb.ORSL, ORST: fb.ORST },
		deliveryHeads,
		deliveryLines,
		packages,
	};
	if (fb.marketplaceId !== undefined) out.marketplaceId = fb.marketplaceId;
	return out;
}

/** The outcome for one M3 delivery: a Shipment, or the issues that keep it from being one (its siblings go on). */
export interface DeliveryResult {
	dlix: string;
	shipment?: Shipment;
	issues: Issue[];
}

export interface DeliveryResults {
	/** one per delivery that is to be confirmed (issued), in DLIX order */
	results: DeliveryResult[];
	/** deliveries left out on purpose: not issued yet (PGRS below issuedFrom) */
	skipped: Array<{ dlix: string; reason: 'not_issued'; pgrs: string }>;
	/** problems of the input as a whole (nothing could be mapped) */
	issues: Issue[];
}

/**
 * Every M3 delivery (DLIX) of the input (flat shape or the M3 node's shipment feedback item) on its own: a delivery
 * without tracking or with a bad line fails alone, its shipped siblings still become Shipments. Deliveries that are
 * not issued (PGRS below issuedFrom) are skipped: a tracking number on a delivery still in picking is not a shipment.
 */
export function m3DeliveryToShipmentResults(input: unknown, options: ShipmentOptions = {}): DeliveryResults {
	const none = (issues: Issue[]): DeliveryResults => ({ results: [], skipped: [], issues });
	if (isRecord(input) && Array.isArray(input.deliveries) && !isRecord(input.orderHead)) {
		input = fromShipmentFeedback(input);
		if (arr((input as Record<string, unknown>).deliveryLines).length === 0) {
			return none([issue('deliveries', 'nothing_shipped', 'The order has no delivered lines yet')]);
		}
	}
	if (!isRecord(input)) return none([issue('', 'invalid_input', 'Expected an object with orderHead, deliveryLines, deliveryHead(s)')]);
	const common: Issue[] = [];
	const unit = options.unit ?? 'EA';
	const issuedFrom = Number(options.issuedFrom ?? '60');
	const head = isRecord(input.orderHead) ? input.orderHead : {};
	const cuor = nonEmpty(head.CUOR);
	const orno = nonEmpty(head.ORNO);
	if (!cuor) common.push(issue('orderHead.CUOR', 'missing_order_reference', 'M3 order head has no CUOR (the Amazon order id)'));
	else if (options.requireAmazonOrderId !== false && !AMAZON_ORDER_ID.test(cuor)) {
		common.push(issue('orderHead.CUOR', 'invalid_amazon_order_id', `CUOR "${cuor}" is not an Amazon order id (123-1234567-1234567)`));
	}
	const cuno = nonEmpty(head.CUNO);
	const marketplaceId =
		nonEmpty(input.marketplaceId) ?? (cuno ? options.marketplaceByCustomer?.[cuno] : undefined) ?? nonEmpty(options.marketplaceId);
	if (!marketplaceId) common.push(issue('marketplaceId', 'missing_marketplace', 'No marketplaceId on the item, for the customer, or as default'));

	const orderLines = new Map<string, Record<string, unknown>>();
	for (const l of arr(input.orderLines)) orderLines.set(lineKey(l.PONR, l.POSX), l);
	const dHeads = new Map<string, Record<string, unknown>>();
	for (const h of arr(input.deliveryHeads ?? input.deliveryHead)) {
		const dl = nonEmpty(h.DLIX);
		if (dl) dHeads.set(String(Number(dl)), h);
	}
	const pkgs = arr(input.packages);
	const dLines = arr(input.deliveryLines);
	if (dLines.length === 0) return none([...common, issue('deliveryLines', 'no_delivery_lines', 'No delivery lines (MWS411MI/LstDelLnByOrd)')]);

	// group delivery lines by DLIX, resolve Amazon orderItemId + quantity; a line's problem belongs to its delivery
	const byDlix = new Map<string, { lines: Array<{ orderItemId: string; qty: Dec; itno?: string; key: string }>; issues: Issue[]; whlo?: string }>();
	const group = (k: string) => {
		let g = byDlix.get(k);
		if (!g) byDlix.set(k, (g = { lines: [], issues: [] }));
		return g;
	};
	const ordItemByKey = new Map<string, string>();
	dLines.forEach((l, i) => {
		const p = `deliveryLines[${i}]`;
		const dl = nonEmpty(l.DLIX);
		if (!dl || !/^\d+$/.test(dl)) {
			common.push(issue(p + '.DLIX', 'missing_field', 'Delivery line without numeric DLIX'));
			return;
		}
		const g = group(String(Number(dl)));
		const whlo = nonEmpty(l.WHLO);
		if (whlo && !g.whlo) g.whlo = whlo;
		const key = lineKey(l.RIDL ?? l.PONR, l.RIDX ?? l.POSX);
		const ol = orderLines.get(key);
		const itemId = nonEmpty(l.CUOR) ?? (ol ? nonEmpty(ol.CUOR) : undefined);
		if (!itemId) {
			g.issues.push(issue(p, 'missing_order_item_id', `No Amazon orderItemId for order line ${key}: the M3 line needs CUOR (orderLines[].CUOR)`));
			return;
		}
		ordItemByKey.set(key, itemId);
		const q = parseDec(String(l.TRQT ?? l.DLQT ?? ''));
		if (!q) {
			g.issues.push(issue(p + '.TRQT', 'invalid_quantity', `TRQT "${String(l.TRQT)}" is not a number`));
			return;
		}
		if (!decIsInteger(q)) {
			g.issues.push(issue(p + '.TRQT', 'non_integer_quantity', `Delivered quantity ${String(l.TRQT)} is not an integer (Amazon needs whole units)`));
			return;
		}
		if (decToInt(q) <= 0) return;
		const itno = nonEmpty(l.ITNO);
		g.lines.push({ orderItemId: itemId, qty: q, key, ...(itno ? { itno } : {}) });
	});

	const out: DeliveryResults = { results: [], skipped: [], issues: [] };
	for (const [dlix, g] of [...byDlix.entries()].sort((a, b) => Number(a[0]) - Number(b[0]))) {
		const issues: Issue[] = [...common, ...g.issues];
		const dh = dHeads.get(dlix) ?? (dHeads.size === 0 && isRecord(input.deliveryHead) ? input.deliveryHead : undefined);
		const p = `deliveryHeads[DLIX=${dlix}]`;
		if (!dh) {
			out.results.push({ dlix, issues: [...issues, issue(p, 'missing_delivery_head', `No delivery head (MWS410MI/GetHead) for DLIX ${dlix}`)] });
			continue;
		}
		const pgrs = nonEmpty(dh.PGRS);
		if (pgrs !== undefined && !(Number(pgrs) >= issuedFrom)) {
			out.skipped.push({ dlix, reason: 'not_issued', pgrs });
			continue;
		}
		if (g.lines.length === 0 && g.issues.length === 0) continue; // nothing delivered on it (TRQT 0)
		const whlo = nonEmpty(dh.WHLO) ?? g.whlo;
		const zone = (whlo ? options.warehouseTimeZones?.[whlo] : undefined) ?? options.timeZone ?? options.timezoneOffset ?? 'UTC';
		const dsdt = nonEmpty(dh.DSDT);
		let shipDate: string | undefined;
		if (!isTimeZone(zone)) {
			issues.push(issue(whlo ? `warehouseTimeZones.${whlo}` : 'timeZone', 'invalid_time_zone', `"${zone}" is not a time zone (IANA name such as Europe/Berlin, or +01:00)`));
		} else {
			shipDate = dsdt ? m3DateTimeInZone(dsdt, nonEmpty(dh.DSHM), zone) : undefined;
			if (!shipDate) issues.push(issue(p + '.DSDT', 'invalid_date', `Departure date DSDT "${String(dh.DSDT)}" / DSHM "${String(dh.DSHM)}" is not a valid yyyyMMdd HHmm`));
		}
		const fwno = nonEmpty(dh.FWNO);
		const modl = nonEmpty(dh.MODL);
		const carrier = resolveCarrier(fwno, modl, options.carrierMap);
		const myPkgs = pkgs.filter((k) => String(Number(nonEmpty(k.DLIX) ?? 'NaN')) === dlix);
		const headTracking = nonEmpty(dh.ETRN) ?? myPkgs.map((k) => nonEmpty(k.ETRN)).find((x) => x);
		const perPackage =
			options.packageMode === 'package' || (options.packageMode !== 'delivery' && myPkgs.length > 0 && myPkgs.every((k) => Array.isArray(k.lines)));
		const amzPackages: Package[] = [];
		if (perPackage) {
			myPkgs.forEach((k, i) => {
				const ref = `${dlix}${String(i + 1).padStart(2, '0')}`;
				const tn = nonEmpty(k.ETRN) ?? headTracking;
				const pkg: Package = { packageReferenceId: ref, lines: [], source: { system: 'm3', id: nonEmpty(k.PANR) ?? ref } };
				if (tn) pkg.trackingNumber = tn;
				const agg = new Map<string, Dec>();
				for (const pl of arr(k.lines)) {
					const key = lineKey(pl.RIDL ?? pl.PONR, pl.RIDX ?? pl.POSX);
					const id = nonEmpty(pl.CUOR) ?? ordItemByKey.get(key) ?? (orderLines.get(key) ? nonEmpty(orderLines.get(key)?.CUOR) : undefined);
					const q = parseDec(String(pl.TRQT ?? pl.QTY ?? pl.DLQT ?? ''));
					if (!id || !q || !decIsInteger(q)) {
						issues.push(issue(`packages[${i}].lines`, 'invalid_package_line', `Package line ${key} has no orderItemId or no integer quantity`));
						continue;
					}
					agg.set(id, agg.has(id) ? decAdd(agg.get(id) as Dec, q) : q);
				}
				for (const [id, q] of agg) pkg.lines.push({ orderItemId: id, quantity: { value: String(decToInt(q)), unit } });
				if (!pkg.trackingNumber) issues.push(issue(`packages[${i}].ETRN`, 'missing_tracking', `No tracking number for package ${nonEmpty(k.PANR) ?? i}`));
				if (pkg.lines.length) amzPackages.push(pkg);
			});
		} else {
			const agg = new Map<string, { q: Dec; itno?: string }>();
			for (const l of g.lines) {
				const e = agg.get(l.orderItemId);
				if (e) e.q = decAdd(e.q, l.qty);
				else agg.set(l.orderItemId, { q: l.qty, ...(l.itno ? { itno: l.itno } : {}) });
			}
			const pkg: Package = { packageReferenceId: dlix, lines: [], source: { system: 'm3', id: dlix } };
			if (headTracking) pkg.trackingNumber = headTracking;
			else issues.push(issue(p + '.ETRN', 'missing_tracking', `No tracking number (ETRN) on delivery ${dlix} or its packages`));
			for (const [id, e] of agg) {
				const line: Package['lines'][number] = { orderItemId: id, quantity: { value: String(decToInt(e.q)), unit } };
				if (e.itno) line.itemNumber = e.itno;
				pkg.lines.push(line);
			}
			amzPackages.push(pkg);
		}
		if (issues.length) {
			out.results.push({ dlix, issues });
			continue;
		}
		const s: Shipment = {
			canonicalVersion: CANONICAL_VERSION,
			kind: 'Shipment',
			source: { system: 'm3', id: dlix },
			orderRef: { system: 'amazon', id: cuor ?? '' },
			shipDate: shipDate ?? '',
			carrier: { code: carrier.code },
			packages: amzPackages,
		};
		if (carrier.name) s.carrier.name = carrier.name;
		if (fwno) s.carrier.m3Forwarder = fwno;
		if (modl) s.carrier.m3DeliveryMethod = modl;
		if (carrier.shippingMethod) s.shippingMethod = carrier.shippingMethod;
		if (orno) s.m3OrderNumber = orno;
		if (marketplaceId) s.marketplaceId = marketplaceId;
		out.results.push({ dlix, shipment: s, issues: [] });
	}
	if (out.results.length === 0) {
		out.issues = common.length
			? common
			: [issue('deliveryLines', 'nothing_shipped', out.skipped.length ? `No issued delivery (PGRS ${options.issuedFrom ?? '60'} or more) with delivered quantities` : 'No delivered quantities found')];
	}
	return out;
}

/**
 * One canonical Shipment per M3 delivery (DLIX) of the input, all or nothing: the issues of every delivery that
 * cannot be mapped (m3DeliveryToShipmentResults gives the result per delivery).
 */
export function m3DeliveryToShipments(input: unknown, options: ShipmentOptions = {}): Result<Shipment[]> {
	const r = m3DeliveryToShipmentResults(input, options);
	const bad = r.results.filter((x) => !x.shipment);
	if (r.issues.length || bad.length) {
		const seen = new Set<string>();
		const issues = [...r.issues, ...bad.flatMap((x) => x.issues)].filter((i) => {
			const k = `${i.path}|${i.code}|${i.message}`;
			if (seen.has(k)) return false;
			seen.add(k);
			return true;
		});
		return fail(issues);
	}
	return ok(r.results.map((x) => x.shipment as Shipment));
}
