# A stand-in target for the runtime's measurement tests: it answers /healthz like a real one, and can
#  - hold a shared anonymous region of SHARED_MB that it and WORKERS forked workers all touch (a cluster's
#    shared pages: summed RSS counts them once per process, the cgroup once);
#  - answer 503 on /healthz for NOT_READY_MS after it starts listening (the probe must poll over one connection);
#  - spike: on /spike, allocate and write SPIKE_MB, hold it 20 ms, free it (a peak between two readings).
# GET /connections says how many connections it accepted.
import http.server, mmap, os, socketserver, sys, time

shared_mb = int(os.environ.get("SHARED_MB", "0"))
workers = int(os.environ.get("FAKE_WORKERS", "0"))
not_ready_ms = int(os.environ.get("NOT_READY_MS", "0"))
spike_mb = int(os.environ.get("SPIKE_MB", "0"))
page = mmap.PAGESIZE

if shared_mb:
    region = mmap.mmap(-1, shared_mb << 20, flags=mmap.MAP_SHARED | mmap.MAP_ANONYMOUS)
    for i in range(0, len(region), page):
        region[i] = 1
    for _ in range(workers):
        r, w = os.pipe()
        if os.fork() == 0:
            total = sum(region[i] for i in range(0, len(region), page))  # maps every page in this worker too
            os.write(w, b"1")
            time.sleep(3600)
            os._exit(0)
        os.read(r, 1)

connections = 0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive

    def setup(self):
        global connections
        connections += 1
        super().setup()

    def do_GET(self):
        status, body = 200, b"ok"
        if self.path == "/healthz" and (time.monotonic() - listening) * 1000 < not_ready_ms:
            status, body = 503, b"starting"
        elif self.path == "/connections":
            body = str(connections).encode()
        elif self.path == "/spike":
            spike = b"\x01" * (spike_mb << 20)
            time.sleep(0.02)
            del spike
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
listening = time.monotonic()
server.serve_forever()
