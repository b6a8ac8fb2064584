/** 004: settings' rolls, the threshold, contacts with schools, the county's terms. */
export default `
SELECT 1;
`
