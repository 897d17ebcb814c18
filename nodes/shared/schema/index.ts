export * from './jsonSchema';
