export * from './angles';
export * from './body';
export * from './geometry';
