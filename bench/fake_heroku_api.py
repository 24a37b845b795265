#!/usr/bin/env python3
"""A minimal Platform API for the deploy --dry-run benchmark: one app whose current release's slug is COMMIT.

usage: fake_heroku_api.py APP COMMIT PORTFILE   (binds 127.0.0.1 on a free port, writes the port to PORTFILE)
Only what `deploy --dry-run` reads: GET /apps/APP, /apps/APP/releases, /apps/APP/slugs/s1.
"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

app, commit, portfile = sys.argv[1:4]
routes = {
    f"/apps/{app}": {"id": "00000000-0000-0000-0000-000000000001", "name": app, "maintenance": False},
    f"/apps/{app}/releases": [{"id": "r5", "version": 5, "status": "succeeded", "current": True,
                               "slug": {"id": "s1"}, "created_at": "2024-01-01T00:00:00Z"}],
    f"/apps/{app}/slugs/s1": {"id": "s1", "commit": commit},
}

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = routes.get(self.path.split("?")[0])
        data = json.dumps(body).encode() if body is not None else b'{"id":"not_found","message":"nope"}'
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(portfile, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
