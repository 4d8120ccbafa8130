// Summarises an http-cache-tests run the way cache-tests.fyi counts it: a test whose dependency
// failed (or did not pass) is "dependency failed", neither a pass nor a failure.
// Usage: node summarize.mjs <package dir> <results.json> [known-failures.txt]
import { pathToFileURL } from 'node:url'
import path from 'node:path'
import fs from 'node:fs'

const [pkg, resultsFile, knownFile] = process.argv.slice(2)
const suites = (await import(pathToFileURL(path.join(pkg, 'tests', 'index.mjs')).href)).default
const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
const known = new Map()
if (knownFile && fs.existsSync(knownFile)) {
  for (const line of fs.readFileSync(knownFile, 'utf8').split('\n')) {
    const m = line.match(/^(\S+)\s+(.*)$/)
    if (m && !line.startsWith('#')) known.set(m[1], m[2])
  }
}

const tests = new Map()
for (const suite of suites) {
  for (const t of suite.tests) {
    if (t.browser_only) continue
    tests.set(t.id, t)
  }
}

const passed = id => results[id] === true
const state = new Map()
function stateOf (id) {
  if (state.has(id)) return state.get(id)
  const t = tests.get(id)
  let s
  if (!(id in results)) s = 'not_run'
  else if ((t?.depends_on ?? []).some(d => stateOf(d) !== 'pass')) s = 'dependency_failed'
  else if (passed(id)) s = 'pass'
  else if (Array.isArray(results[id]) && results[id][0] === 'Setup') s = 'setup_failed'
  else s = 'fail'
  state.set(id, s)
  return s
}

const counts = {}
const failures = []
for (const [id, t] of tests) {
  const kind = t.kind ?? 'required'
  const s = stateOf(id)
  counts[kind] ??= { pass: 0, fail: 0, dependency_failed: 0, setup_failed: 0, not_run: 0 }
  counts[kind][s]++
  if (kind === 'required' && s !== 'pass') failures.push({ id, state: s, detail: results[id], known: known.get(id) })
}

console.log('| kind | pass | fail | dependency failed | setup failed |')
console.log('| --- | --- | --- | --- | --- |')
for (const kind of ['required', 'optimal', 'check']) {
  const c = counts[kind] ?? { pass: 0, fail: 0, dependency_failed: 0, setup_failed: 0 }
  console.log(`| ${kind} | ${c.pass} | ${c.fail} | ${c.dependency_failed} | ${c.setup_failed} |`)
}
console.log('')
console.log('Required tests not passed:')
for (const f of failures) {
  const why = f.known ? `known: ${f.known}` : JSON.stringify(f.detail)
  console.log(`  ${f.id} [${f.state}] ${why}`)
}
// Any required test not passed and not known fails a strict run — a setup failure too (a harness
// that never reached the cache must not pass for a conforming one).
const unexpected = failures.filter(f => !f.known)
if (process.env.STRICT === '1' && unexpected.length > 0) {
  console.error(`${unexpected.length} required test(s) not passed and not in the known list`)
  process.exit(1)
}
