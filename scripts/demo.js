// @ts-check
// Placeholder until the templates land (issue 8): says what it will do and fails; it never pretends to succeed.
process.stdout.write(
	'npm run demo will start the M3 and SP-API simulators and run the order-to-cash, shipment-feedback,\n' +
		'inventory-sync and payments-to-GL templates through n8n-core, then print a report.\n',
);
process.stdout.write('DEMO FAILED templates not built yet\n');
process.exit(1);
