export * from './schemas';
export * from './decimal';
export * from './currency';
