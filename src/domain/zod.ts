import { z } from 'zod'

// Our content security policy forbids eval: zod must not compile parsers with new Function.
// Every schema imports z from here, so the setting holds wherever a schema runs.
z.config({ jitless: true })

export { z }
