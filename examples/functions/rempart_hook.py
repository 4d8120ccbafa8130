#!/usr/bin/env python3
"""A Rempart HTTP event function in Python (standard library only).

Rempart POSTs each event it subscribed to as JSON, signed with the shared key in secret_file:

    X-Rempart-Signature: sha256=HEX(HMAC-SHA256(key, timestamp + "." + body))
    X-Rempart-Timestamp: Unix seconds        X-Rempart-Delivery: id (same on retries)

The answer lists what Rempart should do (decisions, remove_decisions, ip_sets, notifications,
log); an empty 200/204 does nothing. This one bans, for an hour, any client the WAF blocked three
times within ten minutes, whatever the rule. Config:

    functions:
      repeat-offenders:
        on: event
        url: http://127.0.0.1:9400/rempart
        secret_file: hook.key          # the same key this script reads
        subscribe: { types: [request_blocked] }

Run:  python3 rempart_hook.py --port 9400 --key-file hook.key
"""
import argparse
import hashlib
import hmac
import json
import threading
import time
from collections import OrderedDict, defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_CLOCK_SKEW = 300  # seconds: older signatures are replays
WINDOW, THRESHOLD = 600, 3

MAX_CLIENTS, MAX_ANSWERS = 100_000, 10_000
blocked = defaultdict(deque)  # client ip -> times of blocked requests (bounded below)
answers = OrderedDict()       # delivery id -> the answer given: a retry gets the same one again
lock = threading.Lock()


def make_handler(key: bytes):
    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            stamp = self.headers.get("X-Rempart-Timestamp", "")
            expected = "sha256=" + hmac.new(key, stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, self.headers.get("X-Rempart-Signature", "")):
                return self.answer(401, {"log": ["bad signature"]})
            if not stamp.isdigit() or abs(time.time() - int(stamp)) > MAX_CLOCK_SKEW:
                return self.answer(401, {"log": ["stale timestamp"]})

            event = json.loads(body)
            delivery = self.headers.get("X-Rempart-Delivery")
            decisions = []
            with lock:
                if delivery in answers:  # a retry (Rempart did not get our answer): answer the same
                    return self.answer(200, answers[delivery])
                if event.get("type") == "request_blocked":
                    ip, now = event["client_ip"], time.time()
                    times = blocked[ip]
                    times.append(now)
                    while times and times[0] < now - WINDOW:
                        times.popleft()
                    if len(times) >= THRESHOLD:
                        del blocked[ip]
                        decisions.append({"scope": ip, "action": "ban", "duration": "1h",
                                          "reason": f"blocked {THRESHOLD} times in {WINDOW // 60} minutes"})
                    if len(blocked) > MAX_CLIENTS:  # forget the longest-quiet clients
                        for stale in sorted(blocked, key=lambda k: blocked[k][-1])[: MAX_CLIENTS // 10]:
                            del blocked[stale]
                payload = {"decisions": decisions, "log": [f"{event.get('type')} from {event.get('client_ip')}"]}
                answers[delivery] = payload
                if len(answers) > MAX_ANSWERS:
                    answers.popitem(last=False)
            self.answer(200, payload)

        def answer(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Hook


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9400)
    parser.add_argument("--key-file", required=True)
    args = parser.parse_args()
    with open(args.key_file, "rb") as f:
        key = f.read().strip()
    server = ThreadingHTTPServer((args.host, args.port), make_handler(key))
    print(f"listening on http://{args.host}:{server.server_address[1]}/rempart", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
