export * from './one-euro';
export * from './pose-smoother';
