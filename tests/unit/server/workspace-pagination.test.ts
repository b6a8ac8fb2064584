import { describe, expect, it } from 'vitest'
import { pagination } from '../../../server/workspace/pagination'

const href = (page: number) => `/list?page=${page}`
const numbers = (page: number, pages: number) =>
  pagination(page, pages, href)!.items.map((item) => ('ellipsis' in item ? '…' : item.current ? `[${item.number}]` : String(item.number)))

describe('GOV.UK pagination', () => {
  it('is not shown for a single page', () => {
    expect(pagination(1, 1, href)).toBeUndefined()
  })

  it('shows the first and last pages and this one’s neighbours, an ellipsis for each gap', () => {
    expect(numbers(1, 2)).toEqual(['[1]', '2'])
    expect(numbers(1, 9)).toEqual(['[1]', '2', '…', '9'])
    expect(numbers(5, 9)).toEqual(['1', '…', '4', '[5]', '6', '…', '9'])
    expect(numbers(3, 9)).toEqual(['1', '2', '[3]', '4', '…', '9'])
    expect(numbers(9, 9)).toEqual(['1', '…', '8', '[9]'])
  })

  it('links previous and next only where there are such pages, each by the link it is given', () => {
    expect(pagination(1, 3, href)).toMatchObject({ next: { href: '/list?page=2' } })
    expect(pagination(1, 3, href)).not.toHaveProperty('previous')
    expect(pagination(3, 3, href)).toMatchObject({ previous: { href: '/list?page=2' } })
    expect(pagination(3, 3, href)).not.toHaveProperty('next')
    expect(pagination(2, 3, href)!.items[0]).toEqual({ number: 1, href: '/list?page=1', current: false })
  })
})
