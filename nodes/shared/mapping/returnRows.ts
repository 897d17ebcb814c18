/**
 * Amazon's returns reports, one row each: the MFN returns flat file (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE) and FBA
 * customer returns (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA), read into one ReturnRow. Used by returns.ts.
 */
import { isRecord, nonEmpty } from './result';

export interface ReturnRow {
	orderId: string;
	sku: string;
	quantity: number;
	returnDate: string;
	disposition: string;
	reason: string;
	fba: boolean;
}

/** A returns report row (MFN flat file or FBA customer returns), or undefined. */
export function returnRowOf(v: unknown): ReturnRow | undefined {
	if (!isRecord(v)) return undefined;
	const fbaId = nonEmpty(v['order-id']);
	if (fbaId) {
		return {
			orderId: fbaId,
			sku: nonEmpty(v.sku) ?? '',
			quantity: Number(nonEmpty(v.quantity) ?? '1') || 1,
			returnDate: nonEmpty(v['return-date']) ?? '',
			disposition: nonEmpty(v['detailed-disposition']) ?? '',
			reason: nonEmpty(v.reason) ?? '',
			fba: true,
		};
	}
	const mfnId = nonEmpty(v['Order ID']);
	if (!mfnId) return undefined;
	return {
		orderId: mfnId,
		sku: nonEmpty(v['Merchant SKU']) ?? '',
		quantity: Number(nonEmpty(v['Return quantity']) ?? '1') || 1,
		returnDate: nonEmpty(v['Return request date']) ?? '',
		disposition: nonEmpty(v['Return Reason']) ?? '',
		reason: nonEmpty(v['Return Reason']) ?? '',
		fba: false,
	};
}
