/**
 * Reading Infor BODs (ion-bods.md §1, §2.2, §3.2, §8) from our XML tree, or from a JSON body converted
 * into the same tree, into the trigger's output shape.
 */
import { createHash } from 'node:crypto';

import {
	attr,
	childElements,
	directText,
	firstChild,
	select,
	textContent,
	toJson,
	type JsonValue,
	type XmlDocument,
	type XmlElement,
} from '../shared/xml';
import { splitBodType } from './body';
import { parseBodDate } from './dates';

export interface BodEnvelope {
	bodType: string | null;
	verb: string | null;
	noun: string | null;
	namespace: string | null;
	releaseId: string | null;
	versionId: string | null;
	bodId: string | null;
	/** bodId, or `sha256:<hex of body>` when the BOD has no BODID (ion-bods.md §8.2). */
	dedupeKey: string;
	logicalId: string | null;
	componentId: string | null;
	creationDateTime: string | null;
	/** creationDateTime as ISO 8601 UTC when it could be read, else null (the raw value is kept above). */
	creationDateTimeIso: string | null;
	tenantId: string | null;
	accountingEntity: string | null;
	location: string | null;
	actionCode: string | null;
	documentId: string | null;
	variationId: string | null;
	/** Acknowledge BODs: the BODID being answered. */
	originalBodId: string | null;
}

export interface ReadBodResult {
	envelope: BodEnvelope;
	/** The noun element (DataArea/{Noun}), if any. */
	nounElement: XmlElement | null;
	/** The DataArea element, if any. */
	dataAreaElement: XmlElement | null;
	dataArea: JsonValue | null;
}

function trimOrNull(v: string | undefined | null): string | null {
	if (v === undefined || v === null) return null;
	const t = v.trim();
	return t === '' ? null : t;
}

function text(el: XmlElement | undefined): string | null {
	return el ? trimOrNull(textContent(el)) : null;
}

/** First non-empty value of one path; `@x` falls back to a child element named x (JSON bodies). */
export function valueAt(ctx: XmlElement, path: string): string | null {
	for (const v of valuesAt(ctx, path)) return v;
	return null;
}

/** All non-empty values of one path (same fallback rule as valueAt). */
export function valuesAt(ctx: XmlElement, path: string): string[] {
	const out: string[] = [];
	const res = select(ctx, path);
	if (res.length === 0) {
		const m = /^(?:(.*)\/)?@([A-Za-z_][\w.:-]*)$/.exec(path.trim());
		if (m) {
			const alt = m[1] === undefined || m[1] === '' ? m[2] : `${m[1]}/${m[2]}`;
			for (const r of select(ctx, alt)) {
				const t = typeof r === 'string' ? trimOrNull(r) : text(r);
				if (t !== null) out.push(t);
			}
		}
		return out;
	}
	for (const r of res) {
		const t = typeof r === 'string' ? trimOrNull(r) : text(r);
		if (t !== null) out.push(t);
	}
	return out;
}

/** `a, b, c` alternatives: the values of the first alternative that yields any. */
export function firstOf(ctx: XmlElement, alternatives: string): string[] {
	for (const p of splitAlternatives(alternatives)) {
		const v = valuesAt(ctx, p);
		if (v.length > 0) return v;
	}
	return [];
}

export function splitAlternatives(s: string): string[] {
	// Commas inside [...] predicates belong to the path.
	const out: string[] = [];
	let depth = 0;
	let cur = '';
	for (const ch of s) {
		if (ch === '[') depth++;
		if (ch === ']') depth = Math.max(0, depth - 1);
		if ((ch === ',' || ch === '\n') && depth === 0) {
			if (cur.trim()) out.push(cur.trim());
			cur = '';
		} else cur += ch;
	}
	if (cur.trim()) out.push(cur.trim());
	return out;
}

/**
 * Reads the envelope. Verb and noun come from the first and second element children of DataArea
 * (ion-bods.md §8.1), falling back to splitting the root name (`SyncShipment`).
 */
export function readBod(doc: XmlDocument, rawBody: Uint8Array | string, timeZone = 'UTC'): ReadBodResult {
	const root = doc.root;
	const isWrapped = firstChild(root, 'ApplicationArea') !== undefined || firstChild(root, 'DataArea') !== undefined;
	const appArea = isWrapped ? firstChild(root, 'ApplicationArea') : undefined;
	const dataAreaEl = isWrapped ? firstChild(root, 'DataArea') ?? null : null;

	let verb: string | null = null;
	let noun: string | null = null;
	let verbEl: XmlElement | undefined;
	let nounEl: XmlElement | null = null;
	const bodType = isWrapped ? root.local : null;
	if (dataAreaEl) {
		const kids = childElements(dataAreaEl);
		verbEl = kids[0];
		nounEl = kids[1] ?? null;
		verb = verbEl ? verbEl.local : null;
		noun = nounEl ? nounEl.local : null;
	}
	if (bodType && (!verb || !noun)) {
		const split = splitBodType(bodType);
		verb = verb ?? split.verb;
		noun = noun ?? split.noun;
	}
	if (!isWrapped) {
		// "JSON from BOD"/"XML from BOD": the noun only (m3-mi-ion.md §4.4).
		const split = splitBodType(root.local);
		if (split.verb) {
			verb = split.verb;
			noun = split.noun;
		} else {
			noun = root.local;
		}
		nounEl = root;
	}

	const bodId = appArea ? text(firstChild(appArea, 'BODID')) : null;
	const sender = appArea ? firstChild(appArea, 'Sender') : undefined;
	const logicalId = sender ? text(firstChild(sender, 'LogicalID')) : null;
	const componentId = sender ? text(firstChild(sender, 'ComponentID')) : null;
	const creationDateTime = appArea ? text(firstChild(appArea, 'CreationDateTime')) : null;

	let accountingEntity: string | null = null;
	let location: string | null = null;
	let actionCode: string | null = null;
	let tenantId: string | null = null;
	let originalBodId: string | null = null;
	if (verbEl) {
		accountingEntity = text(firstChild(verbEl, 'AccountingEntityID'));
		location = text(firstChild(verbEl, 'LocationID'));
		tenantId = text(firstChild(verbEl, 'TenantID'));
		actionCode =
			valueAt(verbEl, 'ActionCriteria/ActionExpression/@actionCode') ??
			valueAt(verbEl, 'ResponseCriteria/ResponseExpression/@actionCode');
		originalBodId = valueAt(verbEl, 'OriginalApplicationArea/BODID');
	}

	let documentId: string | null = null;
	let variationId: string | null = null;
	if (nounEl && noun) {
		const idEl = select(nounEl, `${noun}Header/DocumentID/ID`)[0] ?? select(nounEl, 'DocumentID/ID')[0];
		if (idEl && typeof idEl !== 'string') {
			documentId = text(idEl);
			variationId = trimOrNull(attr(idEl, 'variationID') ?? null);
			if (documentId === null || variationId === null) {
				// JSON bodies: {"ID": {"value": "...", "variationID": "1"}}-like shapes.
				const valueEl = select(idEl, 'value')[0] ?? select(idEl, '#text')[0];
				if (valueEl && typeof valueEl !== 'string') documentId = text(valueEl);
				variationId = variationId ?? valueAt(idEl, '@variationID');
			}
		}
		if (accountingEntity === null && idEl && typeof idEl !== 'string') {
			accountingEntity = valueAt(idEl, '@accountingEntity');
		}
	}

	const dedupeKey =
		bodId ?? 'sha256:' + createHash('sha256').update(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody)).digest('hex');

	return {
		envelope: {
			bodType: bodType ?? (verb && noun ? verb + noun : null),
			verb,
			noun,
			namespace: root.uri || null,
			releaseId: trimOrNull(attr(root, 'releaseID') ?? null),
			versionId: trimOrNull(attr(root, 'versionID') ?? null),
			bodId,
			dedupeKey,
			logicalId,
			componentId,
			creationDateTime,
			creationDateTimeIso: parseBodDate(creationDateTime, timeZone),
			tenantId,
			accountingEntity,
			location,
			actionCode,
			documentId,
			variationId,
			originalBodId,
		},
		nounElement: nounEl,
		dataAreaElement: dataAreaEl,
		dataArea: dataAreaEl ? toJson(dataAreaEl) : nounEl ? { [nounEl.local]: toJson(nounEl) } : null,
	};
}

// -------------------------------------------------------------------------------------------------
// Normalised extracts for Shipment and SalesOrder nouns (configurable paths, ion-bods.md §8.6)
// -------------------------------------------------------------------------------------------------

export interface Quantity {
	value: number | null;
	raw: string;
	unitCode: string | null;
}

export const SHIPMENT_PATH_DEFAULTS = {
	documentId: 'ShipmentHeader/DocumentID/ID',
	status: 'ShipmentHeader/Status/Code',
	shipDateTime: 'ShipmentHeader/ActualShipDateTime, ShipmentHeader/ScheduledShipDateTime, ShipmentUnit/ShipmentDateTime',
	trackingNumbers:
		"ShipmentHeader/TrackingID, ShipmentUnit/TrackingID, //UserArea//NameValue[@name='TrackingID'], //UserArea//NameValue[@name='TrackingNumber']",
	carrierId: 'ShipmentHeader/CarrierParty/PartyIDs/ID, ShipmentUnit/CarrierParty/PartyIDs/ID',
	carrierName: 'ShipmentHeader/CarrierParty/Name, ShipmentUnit/CarrierParty/Name',
	shipMethod:
		'ShipmentHeader/TransportationMethodCode, ShipmentHeader/TransporationMethodCode, ShipmentHeader/CarrierServiceLevelCode, ShipmentHeader/ShipmentServiceLevelCode',
	shipToPartyId: 'ShipmentHeader/ShipToParty/PartyIDs/ID',
	lines: 'ShipmentItem',
	lineItemId: 'ItemID/ID, Item/ItemID/ID',
	lineQuantity: 'ShippedQuantity, Quantity',
	lineSalesOrder: 'SalesOrderReference/DocumentID/ID',
	lineSalesOrderLine: 'SalesOrderReference/LineNumber',
	lineCustomerPo: 'PurchaseOrderReference/DocumentID/ID',
	lineCustomerPoLine: 'PurchaseOrderReference/LineNumber',
};

export const SALES_ORDER_PATH_DEFAULTS = {
	documentId: 'SalesOrderHeader/DocumentID/ID',
	status: 'SalesOrderHeader/Status/Code',
	customerPo:
		"SalesOrderHeader/PurchaseOrderReference/DocumentID/ID, SalesOrderHeader/AlternateDocumentID[@agencyRole='Customer']/ID",
	customerId: 'SalesOrderHeader/CustomerParty/PartyIDs/ID',
	trackingNumbers: "//TrackingID, //UserArea//NameValue[@name='TrackingID'], //UserArea//NameValue[@name='TrackingNumber']",
	carrierId: 'SalesOrderHeader/CarrierParty/PartyIDs/ID, SalesOrderHeader/CarrierPartyID/PartyIDs/ID',
	shipMethod: 'SalesOrderHeader/TransportationMethodCode, SalesOrderHeader/TransporationMethodCode',
	lines: 'SalesOrderLine',
	lineNumber: 'LineNumber',
	lineItemId: 'Item/ItemID/ID, ItemID/ID',
	lineGtin: 'Item/GTIN',
	lineQuantity: 'Quantity',
	lineStatus: 'Status/Code',
};

export type ShipmentPaths = typeof SHIPMENT_PATH_DEFAULTS;
export type SalesOrderPaths = typeof SALES_ORDER_PATH_DEFAULTS;

function first(values: string[]): string | null {
	return values.length > 0 ? values[0] : null;
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

function elementsOf(ctx: XmlElement, alternatives: string): XmlElement[] {
	for (const p of splitAlternatives(alternatives)) {
		const els = select(ctx, p).filter((r): r is XmlElement => typeof r !== 'string');
		if (els.length > 0) return els;
	}
	return [];
}

/** `{value, raw, unitCode}` of the first element of the alternatives (ion-bods.md §8.5: never drop @unitCode). */
export function quantityAt(ctx: XmlElement, alternatives: string): Quantity | null {
	for (const el of elementsOf(ctx, alternatives)) {
		// Direct text only: in JSON bodies attributes may arrive as child elements ({unitCode, value}).
		let raw = trimOrNull(directText(el));
		if (raw === null) raw = valueAt(el, 'value');
		if (raw === null) continue;
		const n = Number(raw.replace(',', '.'));
		return {
			value: Number.isFinite(n) ? n : null,
			raw,
			unitCode: trimOrNull(attr(el, 'unitCode') ?? null) ?? valueAt(el, '@unitCode'),
		};
	}
	return null;
}

export function extractShipment(noun: XmlElement, paths: ShipmentPaths, timeZone = 'UTC'): Record<string, JsonValue> {
	const documentIdEl = elementsOf(noun, paths.documentId)[0];
	const lines = elementsOf(noun, paths.lines).map((line, index) => {
		const quantity = quantityAt(line, paths.lineQuantity);
		return {
			position: index + 1,
			itemId: first(firstOf(line, paths.lineItemId)),
			quantity: quantity as unknown as JsonValue,
			salesOrderNumber: first(firstOf(line, paths.lineSalesOrder)),
			salesOrderLine: first(firstOf(line, paths.lineSalesOrderLine)),
			customerPoNumber: first(firstOf(line, paths.lineCustomerPo)),
			customerPoLine: first(firstOf(line, paths.lineCustomerPoLine)),
		};
	});
	const tracking = unique(firstOf(noun, paths.trackingNumbers));
	const shipDateTime = first(firstOf(noun, paths.shipDateTime));
	return {
		type: 'shipment',
		documentId: documentIdEl ? text(documentIdEl) ?? valueAt(documentIdEl, 'value') : null,
		variationId: documentIdEl ? valueAt(documentIdEl, '@variationID') : null,
		status: first(firstOf(noun, paths.status)),
		shipDateTime,
		shipDateTimeIso: parseBodDate(shipDateTime, timeZone),
		trackingNumber: first(tracking),
		trackingNumbers: tracking,
		carrier: { id: first(firstOf(noun, paths.carrierId)), name: first(firstOf(noun, paths.carrierName)) },
		shipMethod: first(firstOf(noun, paths.shipMethod)),
		shipToPartyId: first(firstOf(noun, paths.shipToPartyId)),
		salesOrderNumbers: unique(lines.map((l) => l.salesOrderNumber).filter((v): v is string => v !== null)),
		customerPoNumbers: unique(lines.map((l) => l.customerPoNumber).filter((v): v is string => v !== null)),
		lines,
	};
}

export function extractSalesOrder(noun: XmlElement, paths: SalesOrderPaths): Record<string, JsonValue> {
	const documentIdEl = elementsOf(noun, paths.documentId)[0];
	const tracking = unique(firstOf(noun, paths.trackingNumbers));
	const lines = elementsOf(noun, paths.lines).map((line, index) => ({
		position: index + 1,
		lineNumber: first(firstOf(line, paths.lineNumber)),
		itemId: first(firstOf(line, paths.lineItemId)),
		gtin: first(firstOf(line, paths.lineGtin)),
		quantity: quantityAt(line, paths.lineQuantity) as unknown as JsonValue,
		status: first(firstOf(line, paths.lineStatus)),
	}));
	return {
		type: 'salesOrder',
		documentId: documentIdEl ? text(documentIdEl) ?? valueAt(documentIdEl, 'value') : null,
		variationId: documentIdEl ? valueAt(documentIdEl, '@variationID') : null,
		status: first(firstOf(noun, paths.status)),
		customerPoNumber: first(firstOf(noun, paths.customerPo)),
		customerId: first(firstOf(noun, paths.customerId)),
		trackingNumber: first(tracking),
		trackingNumbers: tracking,
		carrier: { id: first(firstOf(noun, paths.carrierId)) },
		shipMethod: first(firstOf(noun, paths.shipMethod)),
		lines,
	};
}
