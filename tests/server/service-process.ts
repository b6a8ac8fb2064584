import { spawn, type ChildProcess } from 'node:child_process'

/** The service as it runs in production (npm start's server/main.ts), in a process of its own. */
export interface ServiceProcess {
  child: ChildProcess
  url: string
  port: number
  /** Everything it printed up to listening (an enrolment code on a first start, for one). */
  output: string
}

/** Starts server/main.ts on a free loopback port with this environment; resolves once it listens. */
export function startServiceProcess(env: Record<string, string>, name = 'service'): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000)
    const read = (chunk: Buffer) => {
      output += chunk
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:(\d+))/.exec(output)
      if (listening) {
        clearTimeout(timer)
        resolve({ child, url: listening[1]!, port: Number(listening[2]), output })
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)))
  })
}

/** Kills it outright (SIGKILL), as a power cut would; resolves once it has gone. */
export async function killServiceProcess(running: ServiceProcess): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return
  const exited = new Promise((resolve) => running.child.once('exit', resolve))
  running.child.kill('SIGKILL')
  await exited
}
