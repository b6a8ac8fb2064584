/**
 * 12: a device asks only for the statuses changed since it last asked (GET
 * /api/submissions/status?since=…): found by its device and the time each changed.
 */
export default `
CREATE INDEX submissions_device_updated ON submissions (device_id, updated_at);
`
