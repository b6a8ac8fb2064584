/** Content versions kept where every instance reads them (PostgreSQL); one instance reads a file instead. */
export interface PublishedContent {
  id: number
  body: string
}

export interface ContentStore {
  latestContent(): Promise<PublishedContent | undefined>
  publishContent(body: string, at: string): Promise<number>
}
