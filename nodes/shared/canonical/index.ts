export * from './schemas';
export * from './decimal';
export * from './currency';
export * from './validate';
