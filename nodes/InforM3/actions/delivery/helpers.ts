import { parseM3Number, type M3Client, type M3Record } from '../../../shared/m3';

/** Delivery lines of a customer order: MWS411MI/LstDelLnByOrd with RORC 3 (customer order) and RIDN = ORNO. */
export async function deliveryLinesOfOrder(client: M3Client, ORNO: string): Promise<M3Record[]> {
	return await client.list('MWS411MI', 'LstDelLnByOrd', { RORC: '3', RIDN: ORNO }, { maxrecs: 0 });
}

export async function packagesOf(client: M3Client, DLIX: string, PACO = '0'): Promise<M3Record[]> {
	return await client.list('MWS423MI', 'LstPackages', { INOU: '1', DLIX, PACO }, { maxrecs: 0 });
}

export interface ShipmentFeedback {
	ORNO: string;
	CUOR: string;
	CUNO: string;
	ORSL: string;
	ORST: string;
	deliveries: Array<{
		DLIX: string;
		ETRN: string;
		FWNO: string;
		MODL: string;
		DSDT: string;
		DSHM: string;
		PGRS: string;
		CONN: string;
		NBOL: string;
		head: M3Record;
		lines: Array<{ PONR: string; POSX: string; ITNO: string; TRQT: number; CUOR: string; ORQT: number | null }>;
		packages: Array<{ PANR: string; SSCC: string; ETRN: string; PACT: string; GRWE: number | null }>;
	}>;
}

/** Order head + deliveries (MWS410MI/GetHead) + delivery lines joined to order lines (CUOR) + packages, one object. */
export async function shipmentFeedback(client: M3Client, ORNO: string, PACO = '0'): Promise<ShipmentFeedback> {
	const head = await client.get('OIS100MI', 'GetHead', { ORNO });
	const [orderLines, delLines] = await Promise.all([
		client.list('OIS100MI', 'LstLine', { ORNO }, { maxrecs: 0 }),
		deliveryLinesOfOrder(client, ORNO),
	]);
	const lineByPonr = new Map(orderLines.map((l) => [`${Number(l.PONR)}|${Number(l.POSX || 0)}`, l]));
	const byDlix = new Map<string, M3Record[]>();
	for (const l of delLines) {
		const list = byDlix.get(l.DLIX) ?? [];
		list.push(l);
		byDlix.set(l.DLIX, list);
	}
	const deliveries: ShipmentFeedback['deliveries'] = [];
	for (const [DLIX, lines] of byDlix) {
		const [dh, packages] = await Promise.all([
			client.get('MWS410MI', 'GetHead', { DLIX }),
			packagesOf(client, DLIX, PACO),
		]);
		deliveries.push({
			DLIX,
			ETRN: dh.ETRN ?? '',
			FWNO: dh.FWNO ?? '',
			MODL: dh.MODL ?? '',
			DSDT: dh.DSDT ?? '',
			DSHM: dh.DSHM ?? '',
			PGRS: dh.PGRS ?? '',
			CONN: dh.CONN ?? '',
			NBOL: dh.NBOL ?? '',
			head: dh,
			lines: lines.map((l) => {
				const ol = lineByPonr.get(`${Number(l.RIDL)}|${Number(l.RIDX || 0)}`);
				return {
					PONR: l.RIDL,
					POSX: l.RIDX,
					ITNO: l.ITNO,
					TRQT: parseM3Number(l.TRQT) ?? 0,
					CUOR: ol?.CUOR ?? '',
					ORQT: ol ? parseM3Number(ol.ORQT) : null,
				};
			}),
			packages: packages.map((p) => ({
				PANR: p.PANR ?? '',
				SSCC: p.SSCC ?? '',
				ETRN: p.ETRN ?? '',
				PACT: p.PACT ?? '',
				GRWE: parseM3Number(p.GRWE),
			})),
		});
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
