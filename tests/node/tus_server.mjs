// Reference tus server for interoperability tests and benchmarks: @tus/server + @tus/file-store, or
// @tus/s3-store when --s3-endpoint is given (credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
// Usage: node tus_server.mjs (--dir DIR | --s3-endpoint URL --bucket NAME) [--port 0] [--host 127.0.0.1]
// Prints "LISTENING <port>" on stdout once it accepts connections; stops on SIGTERM.
import { Server } from '@tus/server'
import { FileStore } from '@tus/file-store'
import { S3Store } from '@tus/s3-store'

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const dir = opt('dir', null)
const endpoint = opt('s3-endpoint', null)
if (!dir && !endpoint) {
  console.error('usage: node tus_server.mjs (--dir DIR | --s3-endpoint URL --bucket NAME) [--port 0]')
  process.exit(2)
}
const datastore = endpoint
  ? new S3Store({
      partSize: 8 * 1024 * 1024,
      s3ClientConfig: {
        bucket: opt('bucket', 'tus'),
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: {
          accessKeyId: process.env.AWS_ACCESS_KEY_ID,
          secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
        },
      },
    })
  : new FileStore({ directory: dir })
const server = new Server({ path: '/files', datastore })
const http = server.listen(Number(opt('port', '0')), opt('host', '127.0.0.1'), () => {
  console.log(`LISTENING ${http.address().port}`)
})
process.on('SIGTERM', () => http.close(() => process.exit(0)))
