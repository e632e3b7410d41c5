// Reading the API's list endpoints, which answer a bare array or the paginated envelope
// {"count", "next", "previous", "results"}.

/** A same-origin JSON GET through `fetchFn` (window.fetch or a fake). */
export const sameOriginGet =
  (fetchFn = (...args) => fetch(...args)) =>
  (url) =>
    fetchFn(url, { credentials: "same-origin", headers: { Accept: "application/json" } });

/** Every item of a list endpoint: a bare array, or the paginated envelope followed by `next`. */
export async function fetchAllPages(url, { fetchPage = sameOriginGet(), maxPages = 50 } = {}) {
  const items = [];
  let next = url;
  for (let page = 0; next && page < maxPages; page += 1) {
    const response = await fetchPage(next);
    if (!response.ok) throw new Error(`list ${response.status}`);
    const data = await response.json();
    if (Array.isArray(data)) return items.concat(data);
    items.push(...(Array.isArray(data.results) ? data.results : []));
    next = typeof data.next === "string" ? data.next : null;
  }
  return items;
}
