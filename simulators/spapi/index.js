// @ts-check
'use strict';
/** Amazon SP-API simulator (stateful, model-driven). See README.md in this folder. */
const { SpApiSimulator } = require('./server');
const control = require('./control');
const { loadWorld } = require('../worlds');

/**
 * @param {{port?:number, seed?:number, timeScale?:number, faults?:any[], skus?:string[],
 *   feedDelays?:{inQueueMs?:number, inProgressMs?:number}, record?:boolean, gzipReports?:boolean, world?:string}} [opts]
 *   world: a named world of simulators/worlds ('demo' = the built-in seed, default; 'eu-us')
 */
async function startSpApiSimulator({ port = 0, seed = 1, timeScale = 1, faults = [], skus, feedDelays, record, gzipReports, world } = {}) {
	const w = loadWorld(world);
	const sim = new SpApiSimulator({ seed, timeScale, faults, skus, feedDelays, record, gzipReports, world: w.amazon ? w : undefined });
	sim.control = control.api(sim);
	sim.credentials = () => {
		const d = sim.demo;
		return {
			clientId: d.clientId,
			clientSecret: d.clientSecret,
			refreshToken: d.refreshToken,
			sellerId: d.sellerId,
			applicationId: d.applicationId,
			marketplaceIds: sim.state.marketplaces.map((/** @type {any} */ m) => m.id),
			endpoint: sim.url,
			lwaEndpoint: sim.url + '/auth/o2/token',
			sqs: {
				accessKeyId: d.awsAccessKeyId,
				secretAccessKey: d.awsSecretAccessKey,
				region: 'us-east-1',
				endpoint: sim.url + '/sqs',
				queueUrl: sim.sqs.queueUrl('sp-api-notifications'),
				queueArn: `arn:aws:sqs:us-east-1:${d.awsAccountId}:sp-api-notifications`,
				accountId: d.awsAccountId,
			},
		};
	};
	await sim.listen(port);
	return {
		url: sim.url,
		port: /** @type {number} */ (sim.port),
		close: () => sim.close(),
		/** live state (replaced on reset, hence a getter) */
		get state() {
			return sim.state;
		},
		control: sim.control,
		credentials: sim.credentials(),
		sim,
	};
}

module.exports = { startSpApiSimulator };

if (require.main === module) {
	// node simulators/spapi/index.js [port] [timeScale]
	startSpApiSimulator({ port: Number(process.argv[2] || 0), timeScale: Number(process.argv[3] || 1) }).then((s) => {
		process.stdout.write(JSON.stringify({ url: s.url, credentials: s.credentials }, null, 2) + '\n');
	});
}
