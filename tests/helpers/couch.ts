/** A request to the clinic dev server as a test makes it: Basic credentials, JSON both ways. */
export const basicAuth = (name: string, password: string): Record<string, string> => ({ Authorization: `Basic ${btoa(`${name}:${password}`)}` });

/** `body`: sent as JSON (a string as it is). The answer's text, and its JSON when it is JSON (else null). */
export async function couchCall(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: unknown; text: string }> {
  const payload = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
  const r = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, ...(payload === undefined ? {} : { body: payload }) });
  const text = await r.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, json, text };
}
