/**
 * 7: Find's status filter. Without it, counting the submissions of one status reads every row
 * of the table (about 160 ms with 50,000); with it, the count and the newest-first page are
 * both read from the index, in received order.
 */
export default `
CREATE INDEX submissions_status ON submissions (status, received_at);
`
