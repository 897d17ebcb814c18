/**
 * Shipment feedback records (see deliveries.ts): the shapes of a delivery, of a selection and its result, the CUSEXTMI
 * keys of the marks, queue and watermark, and a Delivery built from M3's delivery, package and order records.
 */
import { isNotFound } from './errors';
import type { M3TransactionResult } from './parse';
import { parseM3Number, type M3Record } from './values';

export const MARK = 'AMZSHIP';
export const QUEUE = 'AMZSHIPQ';
export const WATERMARK = 'AMZSHIPWM';

export interface DeliveryLine {
	PONR: string;
	POSX: string;
	ITNO: string;
	TRQT: number;
	CUOR: string;
	ORQT: number | null;
	DLQT: number | null;
}

export interface DeliveryPackage {
	PANR: string;
	SSCC: string;
	ETRN: string;
	PACT: string;
	GRWE: number | null;
}

export interface Delivery {
	DLIX: string;
	ETRN: string;
	FWNO: string;
	MODL: string;
	DSDT: string;
	DSHM: string;
	PGRS: string;
	CONN: string;
	NBOL: string;
	WHLO: string;
	head: M3Record;
	lines: DeliveryLine[];
	packages: DeliveryPackage[];
}

/** One order with its deliveries (the order-level shape of docs/contracts.md "M3 shipment feedback"). */
export interface ShipmentFeedback {
	ORNO: string;
	CUOR: string;
	CUNO: string;
	ORSL: string;
	ORST: string;
	deliveries: Delivery[];
}

/** One delivery to confirm: the order-level shape with exactly this delivery, plus where it came from. */
export interface DeliveryFeedback extends ShipmentFeedback {
	DLIX: string;
	WHLO: string;
	PGRS: string;
	/** how many runs selected it (1 = first time) */
	attempt: number;
	source: 'changed' | 'queued' | 'orders';
}

export interface SelectionOptions {
	/** CUSEXTMI FILE of the marks, queue and watermark */
	markFile: string;
	/** lowest PGRS of an issued delivery (two digits, compared as numbers) */
	issuedFrom: string;
	/** Amazon customers (the delivery's CONA / the order's CUNO); empty = every customer */
	customers: string[];
	/** MWS423MI packing level */
	packageLevel: string;
	/** a queued delivery is given up (mark FAILED) when selected this many times without being confirmed */
	maxAttempts: number;
	/** which watermark (several workflows can each keep one) */
	watermarkKey: string;
	/** EXPORTMI rows per request */
	pageSize: number;
	/** LMTS to start from when there is no watermark yet (empty = every delivery) */
	startFrom?: string;
	/** deliveries from these warehouses are never confirmed to Amazon (the FBA warehouse: Amazon shipped them) */
	skipWarehouses?: string[];
	company?: string;
	division?: string;
}

/** A delivery that was looked at and is not emitted, with the reason (counted in the run summary). */
export interface SkippedDelivery {
	DLIX: string;
	reason: 'not_issued' | 'confirmed' | 'failed_before' | 'other_customer' | 'not_customer_order' | 'not_found' | 'skipped_warehouse';
	PGRS?: string;
}

/** A delivery that cannot be emitted: a failure of its own (the run goes on with the others). */
export interface FailedDelivery {
	DLIX: string;
	ORNO: string;
	message: string;
	code: string;
	/** the delivery as far as it was read */
	delivery?: Partial<DeliveryFeedback>;
}

export interface SelectionResult {
	deliveries: DeliveryFeedback[];
	failed: FailedDelivery[];
	skipped: SkippedDelivery[];
	watermark?: { from: string; to: string; rows: number; pages: number };
	queued: number;
}

export interface Candidate {
	DLIX: string;
	source: DeliveryFeedback['source'];
	attempts: number;
	queued: boolean;
	/** the delivery's MHDISH change timestamp, when the selection read it */
	lmts?: string;
}

export type Exec = { company?: string; division?: string };

export const exec = (o: SelectionOptions): Exec => ({ company: o.company, division: o.division });
export const dlixKey = (v: unknown): string => String(Number(String(v ?? '').trim()));
const pgrsNumber = (v: unknown): number => Number(String(v ?? '').trim() || 'NaN');

export function isIssued(pgrs: unknown, issuedFrom: string): boolean {
	const p = pgrsNumber(pgrs);
	return Number.isFinite(p) && p >= Number(issuedFrom);
}

/** Results of a bulk whose NOK "does not exist" means "none": records or [] (other errors are thrown). */
export function recordsOrNone(r: M3TransactionResult | undefined): M3Record[] {
	if (!r) return [];
	if (r.error) {
		if (isNotFound(r.error)) return [];
		throw r.error;
	}
	return r.records;
}

/** Packages and lines of one delivery joined to its order (head + lines): the Delivery object. */
export function buildDelivery(
	DLIX: string,
	head: M3Record,
	delLines: M3Record[],
	packages: M3Record[],
	orderLines: M3Record[],
): Delivery {
	const lineByPonr = new Map(orderLines.map((l) => [`${Number(l.PONR)}|${Number(l.POSX || 0)}`, l]));
	return {
		DLIX,
		ETRN: head.ETRN ?? '',
		FWNO: head.FWNO ?? '',
		MODL: head.MODL ?? '',
		DSDT: head.DSDT ?? '',
		DSHM: head.DSHM ?? '',
		PGRS: head.PGRS ?? '',
		CONN: head.CONN ?? '',
		NBOL: head.NBOL ?? '',
		WHLO: head.WHLO ?? '',
		head,
		lines: delLines.map((l) => {
			const ol = lineByPonr.get(`${Number(l.RIDL)}|${Number(l.RIDX || 0)}`);
			return {
				PONR: l.RIDL,
				POSX: l.RIDX,
				ITNO: l.ITNO,
				TRQT: parseM3Number(l.TRQT) ?? 0,
				CUOR: ol?.CUOR ?? '',
				ORQT: ol ? parseM3Number(ol.ORQT) : null,
				DLQT: ol ? parseM3Number(ol.DLQT) : null,
			};
		}),
		packages: packages.map((p) => ({
			PANR: p.PANR ?? '',
			SSCC: p.SSCC ?? '',
			ETRN: p.ETRN ?? '',
			PACT: p.PACT ?? '',
			GRWE: parseM3Number(p.GRWE),
		})),
	};
}

export function cusext(o: SelectionOptions, pk01: string, pk02: string, values: Record<string, string> = {}): Record<string, string> {
	return { FILE: o.markFile, PK01: pk01, PK02: pk02, ...values };
}
