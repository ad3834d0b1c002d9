/** A script's `--name value` option: the value, or `fallback` (undefined when none is given) when absent or empty. */
export function arg(name: string): string | undefined;
export function arg(name: string, fallback: string): string;
export function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v ? v : fallback;
}

/** A script's `--name` switch. */
export const flag = (name: string): boolean => process.argv.includes(`--${name}`);
