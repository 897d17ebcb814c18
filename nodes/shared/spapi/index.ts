export * from './operations';
export * from './errors';
export * from './config';
export * from './rateLimiter';
export * from './client';
export * from './pagination';
export * from './feeds';
export * from './productTypes';
