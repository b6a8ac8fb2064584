/** tel: links dial the digits only. */
export function telHref(number: string): string {
  return `tel:${number.replace(/\s+/g, '')}`
}
