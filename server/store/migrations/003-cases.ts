/** 003: the steps of each permanent exclusion case. */
export default `
SELECT 1;
`
