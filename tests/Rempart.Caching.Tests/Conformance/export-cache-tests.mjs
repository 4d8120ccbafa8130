// Exports the http-cache-tests definitions as JSON for CacheTestsSuiteTests.
// Usage (package unpacked in a scratch folder, see docs/cache.md):
//   node export-cache-tests.mjs /path/to/package > cache-tests.json
import { pathToFileURL } from 'node:url'
import path from 'node:path'

const pkg = process.argv[2]
if (!pkg) {
  console.error('usage: node export-cache-tests.mjs <http-cache-tests package directory>')
  process.exit(2)
}
const index = (await import(pathToFileURL(path.join(pkg, 'tests', 'index.mjs')).href)).default
const version = JSON.parse((await import('node:fs')).readFileSync(path.join(pkg, 'package.json'), 'utf8')).version
process.stdout.write(JSON.stringify({ version, suites: index }))
