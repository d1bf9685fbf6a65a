import { API_URL } from "../data/dataProvider.ts";
import { httpClient } from "../data/httpClient.ts";

/** GET under /api/reports, answered as JSON. */
export async function getReport<T = unknown>(path: string): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path.startsWith("/reports") ? path : `/reports${path}`}`);
  return json as T;
}
