// Uploads one file with the official tus-js-client (node) — interoperability test for the intake server.
// Usage: node tus_js_upload.mjs --endpoint URL --file PATH --key KEY [--chunk-size N] [--metadata JSON]
//        [--upload-url URL (resume)] [--with-creation-upload] [--override-patch]
// Prints "UPLOADED <url>" on success; "ERROR <message>" and exit code 1 on failure.
import fs from 'node:fs'
import * as tus from 'tus-js-client'

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const flag = (name) => args.includes(`--${name}`)

const file = opt('file', null)
const endpoint = opt('endpoint', null)
if (!file || !endpoint) {
  console.error('usage: node tus_js_upload.mjs --endpoint URL --file PATH --key KEY')
  process.exit(2)
}
const upload = new tus.Upload(fs.createReadStream(file), {
  endpoint,
  uploadUrl: opt('upload-url', null),
  headers: { Authorization: `Bearer ${opt('key', '')}` },
  metadata: JSON.parse(opt('metadata', '{}')),
  chunkSize: Number(opt('chunk-size', 'Infinity')),
  uploadDataDuringCreation: flag('with-creation-upload'),
  overridePatchMethod: flag('override-patch'),
  retryDelays: [0, 200, 500],
  onError: (error) => {
    console.log(`ERROR ${error.message.split('\n')[0]}`)
    process.exit(1)
  },
  onSuccess: () => {
    console.log(`UPLOADED ${upload.url}`)
  },
})
upload.start()
