/**
 * Canonical model, version 1 (zod 3.25 API). One schema per entity; JSON Schemas generated from these live in
 * docs/canonical/*.schema.json (test/transform/schemas.test.ts keeps them in sync).
 * Conventions: money = decimal string + ISO 4217 currency (never floats); quantities = decimal string + unit;
 * every entity keeps the id it had in its source system (`source: {system, id}`); dates ISO 8601.
 */
import { z } from 'zod';

export const CANONICAL_VERSION = 1 as const;

export const DecimalString = z
	.string()
	.regex(/^-?\d+(\.\d+)?$/)
	.describe('Decimal number as a string, "." as separator, no exponent (e.g. "19.99", "-4.00").');

export const CurrencyCode = z
	.string()
	.regex(/^[A-Z]{3}$/)
	.describe('ISO 4217 currency code.');

export const CountryCode = z
	.string()
	.regex(/^[A-Z]{2}$/)
	.describe('ISO 3166-1 alpha-2 country code.');

export const IsoDateTime = z
	.string()
	.datetime({ offset: true })
	.describe('ISO 8601 date-time, e.g. "2026-11-29T10:00:00Z".');

export const SourceRefSchema = z
	.object({
		system: z.string().min(1).describe('System that owns the id: "amazon", "m3", ...'),
		id: z.string().min(1).describe('Identifier in that system'),
	})
	.describe('Where an entity came from.');

export const MoneySchema = z
	.object({ amount: DecimalString, currency: CurrencyCode })
	.describe('An amount of money. Signed where the context says so.');

export const QuantitySchema = z
	.object({
		value: DecimalString,
		unit: z.string().min(1).describe('Unit of measure, e.g. "EA" (each), "KG"'),
	})
	.describe('A quantity with its unit.');

export const AddressSchema = z
	.object({
		name: z.string().optional(),
		companyName: z.string().optional(),
		lines: z.array(z.string()).describe('Street lines in order (addressLine1..3), empty lines removed'),
		city: z.string().optional(),
		district: z.string().optional().describe('District or county'),
		stateOrRegion: z.string().optional(),
		postalCode: z.string().optional(),
		countryCode: CountryCode,
		phone: z.string().optional(),
		addressType: z.enum(['RESIDENTIAL', 'COMMERCIAL', 'PICKUP_POINT']).optional(),
	})
	.describe('Postal address.');

export const TaxRegistrationSchema = z.object({
	type: z.string().optional(),
	number: z.string(),
	country: z.string().optional(),
});

export const PartySchema = z
	.object({
		role: z.enum(['buyer', 'recipient', 'seller']),
		name: z.string().optional(),
		email: z.string().optional(),
		companyName: z.string().optional(),
		purchaseOrderNumber: z.string().optional(),
		taxRegistrations: z.array(TaxRegistrationSchema).optional(),
		address: AddressSchema.optional(),
	})
	.describe('A person or organisation taking part in an order.');

export const ChargeType = z.enum([
	'SHIPPING',
	'SHIPPING_DISCOUNT',
	'GIFT_WRAP',
	'COD',
	'COD_DISCOUNT',
	'PROMOTION',
	'DISCOUNT',
	'TAX',
	'DELIVERY_TIP',
	'OTHER',
]);

export const ChargeSchema = z
	.object({
		type: ChargeType,
		amount: MoneySchema.describe(
			'Signed contribution to the order total: charges positive, discounts/promotions negative',
		),
		appliesTo: z
			.enum(['ITEM', 'SHIPPING', 'GIFT_WRAP', 'COD', 'DISCOUNT', 'ORDER', 'OTHER'])
			.optional()
			.describe('For TAX and DISCOUNT: what the amount relates to (TAX on DISCOUNT: the tax contained in a promotion)'),
		promotionIds: z.array(z.string()).optional(),
		description: z.string().optional(),
	})
	.describe('A charge, discount or tax on an order or line.');

export const OrderStatus = z
	.enum([
		'PENDING_AVAILABILITY',
		'PENDING',
		'UNSHIPPED',
		'PARTIALLY_SHIPPED',
		'SHIPPED',
		'CANCELLED',
		'UNFULFILLABLE',
		'INVOICE_UNCONFIRMED',
	])
	.describe('Order status (Amazon Orders 2026-01-01 vocabulary; v0 values are translated).');

export const OrderLineSchema = z
	.object({
		lineId: z.string().min(1).describe('Amazon orderItemId'),
		source: SourceRefSchema,
		sku: z.string().optional().describe('Seller SKU'),
		asin: z.string().optional(),
		title: z.string().optional(),
		quantity: QuantitySchema,
		quantityShipped: QuantitySchema.optional(),
		unitPrice: MoneySchema.optional().describe('Price of one unit, before discounts, tax excluded where Amazon excludes it'),
		lineAmount: MoneySchema.optional().describe('Item subtotal (unit price x quantity) as Amazon reports it'),
		charges: z.array(ChargeSchema).describe('Line-level shipping, gift wrap, COD, discounts, taxes'),
		promotionIds: z.array(z.string()).optional(),
		gift: z.object({ message: z.string().optional(), wrapLevel: z.string().optional() }).optional(),
		condition: z.string().optional(),
		cancelled: z.boolean().optional(),
		taxCollection: z
			.object({ model: z.string(), responsibleParty: z.string().optional() })
			.optional()
			.describe('Tax the marketplace collects and remits (model MARKETPLACE_FACILITATOR: the seller is not liable)'),
		taxReportingScheme: z.string().optional().describe('EU VAT scheme Amazon applied: UOSS (union OSS) or IOSS'),
		taxIncluded: z
			.boolean()
			.optional()
			.describe("Whether Amazon's item amounts include the TAX (read from the item's proceeds total; absent when it cannot tell)"),
	})
	.describe('One order line.');

export const DateWindowSchema = z.object({
	earliest: IsoDateTime.optional(),
	latest: IsoDateTime.optional(),
});

export const PackageLineSchema = z.object({
	orderItemId: z.string().min(1),
	quantity: QuantitySchema,
	itemNumber: z.string().optional().describe('M3 ITNO'),
});

export const PackageSchema = z
	.object({
		packageReferenceId: z.string().regex(/^[1-9]\d*$/).describe('Positive numeric id, unique per order'),
		trackingNumber: z.string().optional(),
		source: SourceRefSchema.optional(),
		weight: QuantitySchema.optional(),
		lines: z.array(PackageLineSchema),
	})
	.describe('A parcel with its contents.');

export const OrderSchema = z
	.object({
		canonicalVersion: z.literal(CANONICAL_VERSION),
		kind: z.literal('Order'),
		source: SourceRefSchema,
		aliases: z.array(z.object({ type: z.string(), id: z.string() })).describe('e.g. SELLER_ORDER_ID'),
		marketplaceId: z.string().optional(),
		salesChannel: z.string().optional(),
		status: OrderStatus,
		fulfillmentChannel: z.enum(['MERCHANT', 'AMAZON']).describe('MERCHANT = MFN/FBM, AMAZON = AFN/FBA'),
		serviceLevel: z.string().optional(),
		programs: z.array(z.string()),
		isBusinessOrder: z.boolean(),
		isPrime: z.boolean(),
		orderDate: IsoDateTime,
		lastUpdated: IsoDateTime.optional(),
		currency: CurrencyCode,
		buyer: PartySchema.optional(),
		shipTo: AddressSchema.nullable().describe('Delivery address; null when Amazon did not return one'),
		lines: z.array(OrderLineSchema).min(1),
		charges: z.array(ChargeSchema).describe('Order-level charges, aggregated over lines per type'),
		totals: z.object({ grandTotal: MoneySchema.optional() }),
		shipBy: DateWindowSchema.optional(),
		deliverBy: DateWindowSchema.optional(),
		packages: z.array(PackageSchema).optional(),
	})
	.describe('Canonical customer order.');

export const ShipmentSchema = z
	.object({
		canonicalVersion: z.literal(CANONICAL_VERSION),
		kind: z.literal('Shipment'),
		source: SourceRefSchema.describe('m3 delivery number (DLIX)'),
		orderRef: SourceRefSchema.describe('amazon order id (M3 CUOR)'),
		m3OrderNumber: z.string().optional(),
		marketplaceId: z.string().optional(),
		shipDate: IsoDateTime,
		carrier: z.object({
			code: z.string().min(1).describe('Amazon carrier code, "Other" when unknown'),
			name: z.string().optional(),
			m3Forwarder: z.string().optional().describe('M3 FWNO'),
			m3DeliveryMethod: z.string().optional().describe('M3 MODL'),
		}),
		shippingMethod: z.string().optional(),
		packages: z.array(PackageSchema).min(1),
	})
	.describe('Canonical outbound shipment (one M3 delivery).');

export const InventoryLevelSchema = z
	.object({
		canonicalVersion: z.literal(CANONICAL_VERSION),
		kind: z.literal('InventoryLevel'),
		source: SourceRefSchema.describe('m3 item number (ITNO)'),
		sku: z.string().min(1),
		itemNumber: z.string().min(1),
		warehouses: z.array(z.string()),
		figure: z.string().describe('M3 formula used, e.g. "AV01" or "STQT - REQT"'),
		available: QuantitySchema.describe('Figure summed over warehouses, before buffer'),
		quantity: z.number().int().min(0).describe('Sellable quantity sent to Amazon (buffered, clamped, rounded down)'),
		channel: z.string().describe('Amazon fulfillment_channel_code, usually DEFAULT'),
	})
	.describe('Canonical sellable stock of one SKU.');

export const LedgerEntrySchema = z
	.object({
		canonicalVersion: z.literal(CANONICAL_VERSION),
		kind: z.literal('LedgerEntry'),
		source: SourceRefSchema.describe('amazon transaction id, or the batch KEY1 for aggregated entries'),
		postingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('yyyy-MM-dd'),
		type: z.string().describe('Mapping key: breakdown path / ChargeType / FeeType, or CLEARING'),
		account: z.string().describe('GL account (AIT1)'),
		dimensions: z.record(z.string()).describe('Accounting dimensions AIT2..AIT7'),
		amount: MoneySchema.describe('Signed GL amount: positive = debit, negative = credit'),
		side: z.enum(['debit', 'credit']),
		description: z.string().optional(),
		transactionCount: z.number().int().min(0).optional(),
	})
	.describe('Canonical general-ledger entry.');

export const ReturnLineSchema = z
	.object({
		orderItemId: z.string().min(1).describe('Marketplace order item id (the M3 order line\'s CUOR)'),
		sku: z.string().describe('Seller SKU'),
		quantity: QuantitySchema.describe('Units refunded'),
		refund: MoneySchema.describe('Net product charges paid back for the line (positive, as the marketplace gives it)'),
		returned: z.boolean().describe('The goods are in a returns report (false = refunded without a return, so far)'),
		disposition: z.string().describe('FBA detailed disposition, or the MFN return reason; empty when not returned'),
		reason: z.string().describe('Return reason the buyer gave; empty when not returned'),
	})
	.describe('One refunded order item and what came back of it.');

export const ReturnSchema = z
	.object({
		canonicalVersion: z.literal(CANONICAL_VERSION),
		kind: z.literal('Return'),
		source: SourceRefSchema.describe('The refund transaction (amazon transactionId)'),
		orderId: z.string().min(1).describe('Marketplace order id (the M3 order\'s CUOR)'),
		marketplaceId: z.string().describe('Marketplace of the order'),
		fulfillmentNetwork: z.enum(['MFN', 'AFN']).describe('MFN = seller fulfilled, AFN = fulfilled by Amazon'),
		refundDate: z.string().describe('When the refund was posted (ISO 8601)'),
		returnDate: z.string().describe('Latest return date of its returned goods, else the refund date'),
		total: MoneySchema.describe('The refund transaction\'s total (signed as the marketplace gives it)'),
		chargesRefunded: MoneySchema.describe('Shipping and gift wrap paid back too (net, positive)'),
		lines: z.array(ReturnLineSchema).min(1),
	})
	.describe('Canonical customer return: a refund of a marketplace order and the goods that came back.');

export const canonicalSchemas = {
	Money: MoneySchema,
	Quantity: QuantitySchema,
	SourceRef: SourceRefSchema,
	Address: AddressSchema,
	Party: PartySchema,
	Charge: ChargeSchema,
	OrderLine: OrderLineSchema,
	Order: OrderSchema,
	Package: PackageSchema,
	Shipment: ShipmentSchema,
	InventoryLevel: InventoryLevelSchema,
	LedgerEntry: LedgerEntrySchema,
	ReturnLine: ReturnLineSchema,
	Return: ReturnSchema,
} as const;

export type Money = z.infer<typeof MoneySchema>;
export type Quantity = z.infer<typeof QuantitySchema>;
export type SourceRef = z.infer<typeof SourceRefSchema>;
export type Address = z.infer<typeof AddressSchema>;
export type Party = z.infer<typeof PartySchema>;
export type Charge = z.infer<typeof ChargeSchema>;
export type ChargeTypeName = z.infer<typeof ChargeType>;
export type OrderStatusName = z.infer<typeof OrderStatus>;
export type OrderLine = z.infer<typeof OrderLineSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type Package = z.infer<typeof PackageSchema>;
export type Shipment = z.infer<typeof ShipmentSchema>;
export type InventoryLevel = z.infer<typeof InventoryLevelSchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type ReturnLine = z.infer<typeof ReturnLineSchema>;
export type Return = z.infer<typeof ReturnSchema>;
