// @ts-check
/**
 * `npm run simulators -- [--m3-port N] [--spapi-port N] [--time-scale X] [--seed S] [--creds-file F]
 *                        [--history N] [--items N] [--list-cap N] [--world NAME]`
 *
 * --history N   M3: N historical orders (deliveries, invoices) over the Amazon customers, generated on demand
 * --items N     M3: N seeded items (default 240; ~85 % with an Amazon SKU alias)
 * --list-cap N  M3: most rows a list transaction returns for maxrecs=0 (default 100000; 0 = none)
 * --world NAME  the world both simulators play (simulators/worlds): demo (default), eu-us
 *
 * Starts the M3 and SP-API simulators on 127.0.0.1, writes the demo credentials they accept to a JSON file,
 * prints (once both listen):
 *   M3 simulator: http://127.0.0.1:<port>
 *   SP-API simulator: http://127.0.0.1:<port>
 *   Demo credentials: <path>
 * and runs until SIGTERM/SIGINT.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startM3Simulator } = require('./m3');
const { startSpApiSimulator } = require('./spapi');

/** What the demo's ION API connection point sends to the ION trigger (a fixture value, not a secret). */
const DEMO_ION_KEY = ['demo', 'ion', 'connection', 'point'].join('-');

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, string>} */
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const eq = a.indexOf('=');
		if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
		else {
			out[a.slice(2)] = argv[i + 1] ?? '';
			i++;
		}
	}
	return out;
}

/** @param {string | undefined} v @param {number} dflt @param {string} name */
function num(v, dflt, name) {
	if (v === undefined || v === '') return dflt;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${v}"`);
	return n;
}

/**
 * Credentials in the shapes our n8n credential types take: `n8n.<credentialType>` is the data of an
 * n8n credential of that type (InforM3Api in both modes, AmazonSpApi, AwsSqsApi).
 * @param {any} m3 @param {any} sp
 */
function demoCredentials(m3, sp) {
	const ion = m3.credentials.ionapi;
	const spc = sp.credentials;
	return {
		m3: { cono: m3.credentials.cono, divi: m3.credentials.divi, basic: m3.credentials.basic, ionapi: ion },
		spapi: spc,
		n8n: {
			inforM3ApiIon: {
				authType: 'ionApi',
				ionApiInput: 'file',
				ionApiSecretFile: JSON.stringify(ion),
				company: m3.credentials.cono,
				division: m3.credentials.divi,
			},
			inforM3ApiDirect: {
				authType: 'direct',
				url: m3.credentials.basic.url,
				user: m3.credentials.basic.user,
				password: m3.credentials.basic.password,
				company: m3.credentials.cono,
				division: m3.credentials.divi,
			},
			amazonSpApi: {
				region: 'na',
				sandbox: false,
				clientId: spc.clientId,
				clientSecret: spc.clientSecret,
				refreshToken: spc.refreshToken,
				sellerId: spc.sellerId,
				marketplaceIds: spc.marketplaceIds.join(','),
				customEndpoint: spc.endpoint,
				lwaTokenUrl: spc.lwaEndpoint,
			},
			awsSqsApi: {
				region: spc.sqs.region,
				accessKeyId: spc.sqs.accessKeyId,
				secretAccessKey: spc.sqs.secretAccessKey,
				sessionToken: '',
				customEndpoint: spc.sqs.endpoint,
			},
			inforIonWebhookApi: { authType: 'headerKey', headerName: 'x-api-key', apiKey: DEMO_ION_KEY },
			queueUrl: spc.sqs.queueUrl,
		},
	};
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const seed = num(args.seed, 1, 'seed');
	const timeScale = num(args['time-scale'], 1, 'time-scale') || 1;
	const m3 = await startM3Simulator({
		port: num(args['m3-port'], 0, 'm3-port'),
		seed,
		timeScale,
		history: num(args.history, 0, 'history'),
		items: num(args.items, 240, 'items'),
		listCap: num(args['list-cap'], 100000, 'list-cap'),
		world: args.world || undefined,
	});
	const sp = await startSpApiSimulator({ port: num(args['spapi-port'], 0, 'spapi-port'), seed, timeScale, world: args.world || undefined });
	const credsFile = args['creds-file'] || path.join(os.tmpdir(), `m3amz-demo-credentials-${process.pid}.json`);
	fs.writeFileSync(credsFile, JSON.stringify(demoCredentials(m3, sp), null, 2), { mode: 0o600 });
	process.stdout.write(`M3 simulator: ${m3.url}\n`);
	process.stdout.write(`SP-API simulator: ${sp.url}\n`);
	process.stdout.write(`Demo credentials: ${credsFile}\n`);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await Promise.allSettled([m3.close(), sp.close()]);
		if (!args['creds-file']) fs.rmSync(credsFile, { force: true });
		process.exit(0);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`simulators failed to start: ${e && e.message ? e.message : e}\n`);
		process.exit(1);
	});
}

/**
 * Amazon SKUs that M3 knows as ALWT 1 aliases of active items with stock in warehouse 001 and that Amazon lists:
 * SKUs a new merchant-fulfilled order can use and M3 can enter.
 * @param {any} m3 started M3 simulator @param {any} sp started SP-API simulator @returns {string[]}
 */
function orderableSkus(m3, sp) {
	const active = new Set(Object.values(m3.state.items).filter((/** @type {any} */ it) => it.STAT === '20').map((/** @type {any} */ it) => it.ITNO));
	return m3.state.aliases
		.filter((/** @type {any} */ a) => a.ALWT === '1' && active.has(a.ITNO) && (m3.state.balances[`001|${a.ITNO}`]?.STQT ?? 0) > 0)
		.map((/** @type {any} */ a) => a.POPN)
		.filter((/** @type {string} */ s) => sp.state.listings.has(s));
}

/**
 * The k-th new UNSHIPPED, merchant-fulfilled US order: 1-3 lines over `skus`, quantities 1-2 (deterministic in k).
 * @param {any} sp started SP-API simulator @param {string[]} skus @param {number} k
 */
function newMfnOrder(sp, skus, k) {
	return sp.control.createOrder({
		country: 'US',
		status: 'UNSHIPPED',
		fulfilledBy: 'MERCHANT',
		items: Array.from({ length: 1 + (k % 3) }, (_v, j) => ({ sku: skus[(k * 7 + j * 13) % skus.length], quantity: 1 + ((k + j) % 2) })),
	});
}

module.exports = { demoCredentials, parseArgs, orderableSkus, newMfnOrder, DEMO_ION_KEY };
