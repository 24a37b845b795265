#!/usr/bin/env python3
"""`config diff` parallelism: two environments (ENV1 ENV2: six API reads) against one (files vs app: three reads),
with every API request delayed by a fixed latency (a proxy in front of the sandbox), in one run.
Target: two environments <= 1.5x one environment. Prints a Markdown table.

usage: bench/config_diff.py [RUNS] [LATENCY_MS]     (run from anywhere; builds what it needs)
"""
import http.client, http.server, json, os, shutil, statistics, subprocess, sys, tempfile, threading, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
LATENCY = (int(sys.argv[2]) if len(sys.argv) > 2 else 150) / 1000.0
delay = [0.0]  # what the proxy waits now: 0, then LATENCY


def start_sandbox(folder):
    proc = subprocess.Popen(["dotnet", "run", os.path.join(ROOT, "bench", "sandbox-host.cs"), "--", folder],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    url, token = proc.stdout.readline().strip(), proc.stdout.readline().strip()
    if not url.startswith("http"):
        sys.exit("the sandbox did not start")
    return proc, url, token


def latency_proxy(target):
    """A threaded HTTP/1.1 proxy on 127.0.0.1 that waits LATENCY before forwarding each request."""
    upstream = urllib.parse.urlsplit(target)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def forward(self):
            time.sleep(delay[0])
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            conn = http.client.HTTPConnection(upstream.hostname, upstream.port)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            conn.request(self.command, self.path, body or None, headers)
            answer = conn.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for k, v in answer.getheaders():
                if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()

        do_GET = do_POST = do_PATCH = do_DELETE = forward

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def api(url, token, method, path, body=None):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port)
    conn.request(method, path, json.dumps(body) if body is not None else None,
                 {"Authorization": f"Bearer {token}", "Accept": "application/vnd.heroku+json; version=3",
                  "Content-Type": "application/json"})
    answer = conn.getresponse()
    data = answer.read()
    if answer.status >= 300:
        sys.exit(f"{method} {path}: {answer.status} {data[:200]}")


def median_ms(argv, env, cwd):
    def once():
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv[2:])} failed ({done.returncode}): {done.stderr.strip()}")
        return time.perf_counter() - start
    once()
    return statistics.median(once() for _ in range(RUNS)) * 1000


def main():
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "HerokuTools"), "-c", "Release", "-nologo", "-v", "quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    tool = ["dotnet", os.path.join(ROOT, "src", "HerokuTools", "bin", "Release", "net10.0", "heroku-tools.dll")]
    work = tempfile.mkdtemp(prefix="ht-bench-config-")
    sandbox, url, token = start_sandbox(os.path.join(work, "sandbox"))
    proxy, proxy_url = latency_proxy(url)
    try:
        project = os.path.join(work, "project")
        os.makedirs(os.path.join(project, "config"))
        settings = {f"KEY_{i:02}": f"value {i}" for i in range(40)}
        for env in ("live", "uat"):
            api(url, token, "POST", "/apps", {"name": f"bench-{env}"})
            api(url, token, "PATCH", f"/apps/bench-{env}/config-vars", settings)
            with open(os.path.join(project, "config", f"{env}.yml"), "w") as f:
                f.write("settings:\n" + "".join(f'  {k}: "{v}"\n' for k, v in settings.items()))
        with open(os.path.join(project, "heroku-tools.yml"), "w") as f:
            f.write("environments:\n"
                    "  - {label: live, app_name: bench-live, branch: master}\n"
                    "  - {label: uat, app_name: bench-uat, branch: master}\n")
        env = dict(os.environ, HEROKU_API_URL=proxy_url, HEROKU_API_KEY=token, NO_COLOR="1")
        commands = [
            ("config diff live (3 reads)", ["config", "diff", "live"]),
            ("config diff live uat (6 reads)", ["config", "diff", "live", "uat"]),
        ]
        rows = []
        for label, args in commands:
            delay[0] = 0.0
            fast = median_ms(tool + args, env, project)
            delay[0] = LATENCY
            rows.append((label, fast, median_ms(tool + args, env, project)))
    finally:
        proxy.shutdown()
        sandbox.stdin.close()
        sandbox.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)

    one = rows[0][2]
    print(f"latency {LATENCY * 1000:.0f} ms per API request, median of {RUNS} runs (JIT build)\n")
    print(f"| command | no latency (ms) | {LATENCY * 1000:.0f} ms latency (ms) | latencies paid | vs config diff live |")
    print("|---|---:|---:|---:|---:|")
    for label, fast, slow in rows:
        print(f"| {label} | {fast:.0f} | {slow:.0f} | {(slow - fast) / (LATENCY * 1000):.1f} | {slow / one:.2f}x |")


main()
