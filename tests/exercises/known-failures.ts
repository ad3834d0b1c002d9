/** The real-clip known failures live in scripts/lib so that scripts need not import from tests. */
export { KNOWN_FAILURES } from '../../scripts/lib/known-failures';
