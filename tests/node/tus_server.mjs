// Reference tus server for interoperability tests and benchmarks: @tus/server + @tus/file-store.
// Usage: node tus_server.mjs --dir DIR [--port 0] [--host 127.0.0.1]
// Prints "LISTENING <port>" on stdout once it accepts connections; stops on SIGTERM.
import { Server } from '@tus/server'
import { FileStore } from '@tus/file-store'

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const dir = opt('dir', null)
if (!dir) {
  console.error('usage: node tus_server.mjs --dir DIR [--port 0] [--host 127.0.0.1]')
  process.exit(2)
}
const server = new Server({ path: '/files', datastore: new FileStore({ directory: dir }) })
const http = server.listen(Number(opt('port', '0')), opt('host', '127.0.0.1'), () => {
  console.log(`LISTENING ${http.address().port}`)
})
process.on('SIGTERM', () => http.close(() => process.exit(0)))
