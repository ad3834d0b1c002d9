export * from './summary';
export * from './flags';
