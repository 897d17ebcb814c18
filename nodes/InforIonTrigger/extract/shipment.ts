/**
 * Shipment extract (ion-bods.md §2.2, §8.6): document, dates, tracking, carrier, lines, and packages with the
 * lines they hold. Paths are node parameters ("Shipment Paths"); `line*` paths are relative to each line and
 * to each package line (ShipmentUnitItem has the same children as ShipmentItem in OAGIS 9.2), `package*`
 * paths relative to each package.
 */
import type { XmlElement } from '../../shared/xml';
import {
	dateAt,
	elementsOf,
	extractHead,
	firstOf,
	one,
	quantityAt,
	unique,
	type ExtractContext,
	type Quantity,
} from './common';

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
	packages: 'ShipmentUnit',
	packageTrackingNumbers: "TrackingID, UserArea//NameValue[@name='TrackingID']",
	packageContainerId: 'ContainerID, ShipUnitSequenceID',
	packageLines: 'ShipmentUnitItem, ShipmentUnitContainer/ShipmentUnitItem',
};

export type ShipmentPaths = typeof SHIPMENT_PATH_DEFAULTS;

interface LineRefs {
	itemId: string | null;
	quantity: Quantity | null;
	salesOrderNumber: string | null;
	salesOrderLine: string | null;
	customerPoNumber: string | null;
	customerPoLine: string | null;
}

/** How a package line was tied to a shipment line. */
export type PackageLineMatch = 'salesOrderLine' | 'customerPoLine' | 'itemId' | 'onlyPackage';

function refsOf(el: XmlElement, paths: ShipmentPaths): LineRefs {
	return {
		itemId: one(el, paths.lineItemId),
		quantity: quantityAt(el, paths.lineQuantity),
		salesOrderNumber: one(el, paths.lineSalesOrder),
		salesOrderLine: one(el, paths.lineSalesOrderLine),
		customerPoNumber: one(el, paths.lineCustomerPo),
		customerPoLine: one(el, paths.lineCustomerPoLine),
	};
}

/**
 * The shipment line a package line belongs to: the same sales-order line, else the same customer-PO line, else
 * the only line with that item (in that order, if the package line names one). Null when none or several fit.
 */
function matchLine(u: LineRefs, lines: LineRefs[]): { index: number; match: PackageLineMatch } | null {
	const only = (pred: (l: LineRefs) => boolean, match: PackageLineMatch) => {
		const hits = lines.map((l, i) => (pred(l) ? i : -1)).filter((i) => i >= 0);
		return hits.length === 1 ? { index: hits[0], match } : null;
	};
	if (u.salesOrderNumber !== null && u.salesOrderLine !== null) {
		return only((l) => l.salesOrderNumber === u.salesOrderNumber && l.salesOrderLine === u.salesOrderLine, 'salesOrderLine');
	}
	if (u.customerPoNumber !== null && u.customerPoLine !== null) {
		return only((l) => l.customerPoNumber === u.customerPoNumber && l.customerPoLine === u.customerPoLine, 'customerPoLine');
	}
	if (u.itemId !== null) {
		return only(
			(l) =>
				l.itemId === u.itemId &&
				(u.salesOrderNumber === null || l.salesOrderNumber === u.salesOrderNumber) &&
				(u.customerPoNumber === null || l.customerPoNumber === u.customerPoNumber),
			'itemId',
		);
	}
	return null;
}

export function extractShipment(noun: XmlElement, paths: ShipmentPaths, context: ExtractContext) {
	const lineRefs = elementsOf(noun, paths.lines).map((el) => refsOf(el, paths));
	const linePackages: number[][] = lineRefs.map(() => []);
	const packageEls = elementsOf(noun, paths.packages);
	const packages = packageEls.map((p, pi) => {
		const tracking = unique(firstOf(p, paths.packageTrackingNumbers));
		const unitLines = elementsOf(p, paths.packageLines).map((u, ui) => {
			const refs = refsOf(u, paths);
			const hit = matchLine(refs, lineRefs);
			if (hit) linePackages[hit.index].push(pi + 1);
			return { position: ui + 1, line: hit ? hit.index + 1 : null, match: hit ? hit.match : null, ...refs };
		});
		return {
			position: pi + 1,
			trackingNumber: tracking.length > 0 ? tracking[0] : null,
			trackingNumbers: tracking,
			containerId: one(p, paths.packageContainerId),
			status: one(p, 'Status/Code'),
			...dateAt(p, 'ShipmentDateTime', 'shipDateTime', context),
			carrier: { id: one(p, 'CarrierParty/PartyIDs/ID'), name: one(p, 'CarrierParty/Name') },
			lines: unitLines,
		};
	});
	// One package that lists no contents holds everything the shipment ships.
	if (packages.length === 1 && packages[0].lines.length === 0) {
		packages[0].lines = lineRefs.map((l, i) => {
			linePackages[i].push(1);
			return { position: i + 1, line: i + 1, match: 'onlyPackage' as PackageLineMatch, ...l };
		});
	}
	const lines = lineRefs.map((l, i) => ({ position: i + 1, ...l, packages: linePackages[i] }));
	const tracking = unique(firstOf(noun, paths.trackingNumbers));
	return {
		...extractHead('shipment', noun, paths.documentId),
		status: one(noun, paths.status),
		...dateAt(noun, paths.shipDateTime, 'shipDateTime', context),
		trackingNumber: tracking.length > 0 ? tracking[0] : null,
		trackingNumbers: tracking,
		carrier: { id: one(noun, paths.carrierId), name: one(noun, paths.carrierName) },
		shipMethod: one(noun, paths.shipMethod),
		shipToPartyId: one(noun, paths.shipToPartyId),
		salesOrderNumbers: unique(lines.map((l) => l.salesOrderNumber).filter((v): v is string => v !== null)),
		customerPoNumbers: unique(lines.map((l) => l.customerPoNumber).filter((v): v is string => v !== null)),
		lines,
		packages,
	};
}
