# A target whose speed is known by construction, for the end-to-end verdict test (FakeTarget.Delayed): every
# path but /healthz is answered after sleeping DELAY_MS milliseconds, with the contract's /plaintext body;
# /healthz at once. The sleep is a wait, not CPU work, so the speed hardly depends on the core the target gets;
# one thread per connection (ThreadingHTTPServer) lets c connections wait side by side: a closed loop of c
# connections gets about c / DELAY_MS answers per second, plus python's own few hundred microseconds a request.
#
# Faults, for the tests of a run that meets them (FakeRepo):
#  - EXIT_AT_START=code: print a line and exit with that code before listening (a target that cannot start);
#  - FAULT_AFTER=n, FAULT_SIGNAL=KILL or STOP: on its n-th request other than /healthz the server sends itself
#    that signal: killed, or stopped (no answer to anything, never exits) in the middle of a load.
import http.server, os, signal, sys, threading, time

if "EXIT_AT_START" in os.environ:
    print("fake target: exiting at start as asked (EXIT_AT_START)", flush=True)
    sys.exit(int(os.environ["EXIT_AT_START"]))

delay = int(os.environ["DELAY_MS"]) / 1000
body = b"Hello, World!"
fault_after = int(os.environ.get("FAULT_AFTER", "0"))
fault_signal = getattr(signal, "SIG" + os.environ.get("FAULT_SIGNAL", "KILL"))
served = 0
served_lock = threading.Lock()


def count_and_maybe_fault():
    global served
    with served_lock:
        served += 1
        if fault_after and served == fault_after:
            print(f"fake target: sending itself SIG{os.environ.get('FAULT_SIGNAL', 'KILL')} at request {served}", flush=True)
            os.kill(os.getpid(), fault_signal)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    # headers and body go out in two writes: without TCP_NODELAY the second may wait for a delayed ACK (~40 ms),
    # which would add an unknown delay on top of the known one
    disable_nagle_algorithm = True

    def do_GET(self):
        if self.path != "/healthz":
            count_and_maybe_fault()
            time.sleep(delay)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    # socketserver's listen backlog is 5: 30 connections opened within a second overflow it, and the kernel's
    # SYN cookies then hold some of them back by retransmission timeouts (0.2-3 s), a delay the known one lacks
    request_queue_size = 1024
    daemon_threads = True  # a connection the harness leaves open never holds the process at exit

    def handle_error(self, request, client_address):
        # the load engine resets its connections when a run ends: that is no error of the target's
        if not isinstance(sys.exc_info()[1], ConnectionResetError):
            super().handle_error(request, client_address)


Server(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
