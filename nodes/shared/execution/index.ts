export * from './failure';
export * from './redact';
export * from './runner';
export * from './params';
export * from './hints';
export * from './operation';
