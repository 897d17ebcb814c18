import { buildDelivery, type M3Client, type M3Record, type ShipmentFeedback } from '../../../shared/m3';

export type { ShipmentFeedback };

/** Delivery lines of a customer order: MWS411MI/LstDelLnByOrd with RORC 3 (customer order) and RIDN = ORNO. */
export async function deliveryLinesOfOrder(client: M3Client, ORNO: string): Promise<M3Record[]> {
	return await client.list('MWS411MI', 'LstDelLnByOrd', { RORC: '3', RIDN: ORNO }, { maxrecs: 0 });
}

export async function packagesOf(client: M3Client, DLIX: string, PACO = '0'): Promise<M3Record[]> {
	return await client.list('MWS423MI', 'LstPackages', { INOU: '1', DLIX, PACO }, { maxrecs: 0 });
}

/**
 * Order head + every delivery of the order (MWS410MI/GetHead) + delivery lines joined to order lines (CUOR) + packages,
 * one object (the order-level shape; the per-delivery selection is nodes/shared/m3/deliveries.ts).
 */
export async function shipmentFeedback(client: M3Client, ORNO: string, PACO = '0'): Promise<ShipmentFeedback> {
	const head = await client.get('OIS100MI', 'GetHead', { ORNO });
	const [orderLines, delLines] = await Promise.all([
		client.list('OIS100MI', 'LstLine', { ORNO }, { maxrecs: 0 }),
		deliveryLinesOfOrder(client, ORNO),
	]);
	const byDlix = new Map<string, M3Record[]>();
	for (const l of delLines) {
		const list = byDlix.get(l.DLIX) ?? [];
		list.push(l);
		byDlix.set(l.DLIX, list);
	}
	const deliveries: ShipmentFeedback['deliveries'] = [];
	for (const [DLIX, lines] of byDlix) {
		const [dh, packages] = await Promise.all([client.get('MWS410MI', 'GetHead', { DLIX }), packagesOf(client, DLIX, PACO)]);
		deliveries.push(buildDelivery(DLIX, dh, lines, packages, orderLines));
	}
	deliveries.sort((a, b) => (a.DLIX < b.DLIX ? -1 : 1));
	return {
		ORNO,
		CUOR: head.CUOR ?? '',
		CUNO: head.CUNO ?? '',
		ORSL: head.ORSL ?? '',
		ORST: head.ORST ?? '',
		deliveries,
	};
}
