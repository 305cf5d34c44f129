// A recording HTTP server on loopback that answers like the sandbox (as
// capture.py): each side runs once against it, so the harness can check that
// the driver and the hand-written code send the same requests (method, path,
// headers, body), not just the same number of them.
import { createServer } from 'node:http'

const PAYOUT_ID = '5f0c2a9e-1b7d-4c3e-8a6f-2d4b9e7c1a05'
const ACCEPTED = `{"status":"success","code":0,"message":"Payout initiated successfully","data":{"amount":2500,"payout_id":"${PAYOUT_ID}","status":"processing"}}`
const REPORT =
  `{"status":"success","code":200,"message":"Payout successful","data":{"id":"${PAYOUT_ID}","reference":"PY_BENCH01",` +
  '"amount":2500,"charge":25.0,"currency":"GHS","environment":"sandbox","type":"payout","method":"mobilemoney",' +
  '"operator":"MTN","status":"successful","narration":"Salary for June","is_disbursed":"true","failure_reason":null,' +
  '"created_at":"2026-12-02T00:00:00.000Z","updated_at":"2026-12-02T00:00:00.001Z"}}'

/** Runs `await send(baseUrl)` against a recording server; resolves to what arrived. */
export async function capture(send) {
  const seen = []
  const server = createServer(async (req, res) => {
    const chunks = []
    for await (const c of req) chunks.push(c)
    const headers = []
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push(`${req.rawHeaders[i].toLowerCase()}: ${req.rawHeaders[i + 1]}`)
    seen.push({ method: req.method, path: req.url, headers: headers.sort(), body: Buffer.concat(chunks).toString() })
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(req.method === 'POST' ? ACCEPTED : REPORT)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    await send(`http://127.0.0.1:${server.address().port}`)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  return seen
}
