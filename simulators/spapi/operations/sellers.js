// @ts-check
'use strict';
/** Sellers v1 getMarketplaceParticipations. */
/** @param {any} ctx */
function getMarketplaceParticipations(ctx) {
	return {
		body: {
			payload: ctx.state.marketplaces.map((/** @type {any} */ m) => ({
				marketplace: { id: m.id, name: m.name, countryCode: m.countryCode, defaultCurrencyCode: m.currency, defaultLanguageCode: m.language, domainName: m.domain },
				participation: { isParticipating: true, hasSuspendedListings: false },
				storeName: 'M3 Demo Store',
			})),
		},
	};
}
module.exports = { 'sellers.getMarketplaceParticipations': getMarketplaceParticipations };
