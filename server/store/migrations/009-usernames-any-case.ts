/** 9: a username names one person whatever its case (sign-in already reads it so). */
export default `
CREATE UNIQUE INDEX officers_username_any_case ON officers (username COLLATE NOCASE);
`
