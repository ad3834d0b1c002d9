export * from './exercise';
export * from './signals';
export { SEE } from './visibility';
export type { BodyFeatures } from '../features/body';
