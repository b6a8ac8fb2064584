/** One page's link in GOV.UK pagination, or the gap between pages that are not shown. */
export type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true }

/** The params of GOV.UK's pagination macro (govukPagination). */
export interface Pagination {
  items: PaginationItem[]
  previous?: { href: string }
  next?: { href: string }
}

/**
 * GOV.UK pagination for page `page` of `pages`: the first and last pages, this one and those
 * either side of it, an ellipsis for each gap, and previous and next where there are such
 * pages. `href` makes each page's link. Undefined when there is only one page.
 */
export function pagination(page: number, pages: number, href: (page: number) => string): Pagination | undefined {
  if (pages <= 1) return undefined
  const items: PaginationItem[] = []
  for (let number = 1; number <= pages; number++) {
    if (number === 1 || number === pages || Math.abs(number - page) <= 1) items.push({ number, href: href(number), current: number === page })
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true })
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
  }
}
