export * from './failure';
export * from './redact';
export * from './runner';
