// Open conflicts on the series, as the editor shows them. The server lists them after
// every save and on request (GET data-conflicts-url); both writers of an overlap see it:
// the one whose save found it ("mine": resolve it), and every co-writer ("theirs": one
// of you chooses what stays).

/**
 * What the banners should say for a list of open conflicts.
 * @param {Array<{id:number,url:string,mine:boolean,by:string}>} list
 * @returns {{mine: {url:string}|null, theirs: {url:string, by:string}|null}}
 */
export function conflictBanners(list) {
  const items = Array.isArray(list) ? list.filter((c) => c && typeof c.url === "string") : [];
  const mine = items.find((c) => c.mine) || null;
  const theirs = items.find((c) => !c.mine) || null;
  return {
    mine: mine ? { url: mine.url } : null,
    theirs: theirs ? { url: theirs.url, by: String(theirs.by || "") } : null,
  };
}

/** The list from a save response or a (paginated) list response; null if neither. */
export function conflictsFrom(data) {
  if (!data || typeof data !== "object") return null;
  if (Array.isArray(data.open_conflicts)) return data.open_conflicts;
  if (Array.isArray(data.results)) return data.results;
  return null;
}
