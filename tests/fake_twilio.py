"""A local stand-in for Twilio's REST API over real HTTP: records message creates, can answer with errors."""
import hashlib
import http.server
import json
import threading
import urllib.parse


class FakeTwilio:
    """Answers POST /2010-04-01/Accounts/<sid>/Messages.json like Twilio, or with a chosen error per number."""

    def __init__(self):
        self.posts: list[dict] = []
        #: phone number → (HTTP status, Twilio error code) to answer instead of success.
        self.fail_with: dict[str, tuple[int, int]] = {}
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                fake.posts.append({"path": self.path, **form})
                to = form.get("To", "")
                if to in fake.fail_with:
                    status, code = fake.fail_with[to]
                    body = {"code": code, "message": "Attempt to send to unsubscribed recipient", "status": status,
                            "more_info": f"https://www.twilio.com/docs/errors/{code}"}
                else:
                    status = 201
                    sid = "SM" + hashlib.md5(str(len(fake.posts)).encode()).hexdigest()
                    body = {"sid": sid, "status": "queued", "to": to, "from": form.get("From"),
                            "body": form.get("Body"), "account_sid": "AC" + "0" * 32, "num_segments": "1",
                            "direction": "outbound-api", "uri": self.path.replace(".json", f"/{sid}.json")}
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
