#!/usr/bin/env python3
"""Load test of a fleet: N headless walls polling one nginx while a publisher
rewrites pledges.json.

    python3 Scripts/fleet-load.py [--walls 200] [--seconds 60] [--refresh 2]
                                  [--publish-every 10] [--binary PATH]

Starts nginx (Debian's, unprivileged, on a free loopback port, in a private
folder), publishes a copy of Data/, starts the walls (`mayor headless --data
URL`), rewrites pledges.json atomically every --publish-every seconds (each
version with its own figure), stops everything after --seconds and prints a
Markdown table:

- publish-to-visible delay over all walls and versions (p50, p99, max): from
  the rename on the publisher to the wall's line saying it drew that version
  (the wall prints the FNV-1a hash of the bytes it parsed; the publisher knows
  the hash of what it wrote);
- requests per second at nginx, the share of 304s, bytes per second sent;
- CPU of nginx (master and worker) and of one wall, as a share of one core;
- whether any wall ever reported a problem (a half-written file would be one).
"""
import argparse, os, shutil, signal, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fnv1a64(data: bytes) -> int:
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except OSError:
                pass
    return out


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--walls", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--refresh", type=float, default=2)
    ap.add_argument("--publish-every", type=float, default=10)
    ap.add_argument("--binary", default=None)
    args = ap.parse_args()

    nginx_bin = next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)
    if not nginx_bin:
        sys.exit("fleet-load: nginx is not installed (apt-get install nginx-light)")
    binary = args.binary
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "-Xswiftc", "-static-stdlib", "--product", "mayor"], cwd=ROOT, check=True)
        binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.strip() + "/mayor"

    work = tempfile.mkdtemp(prefix="mayor-fleet-")
    os.chmod(work, 0o755)
    docroot = os.path.join(work, "root")
    os.makedirs(docroot)
    os.chmod(docroot, 0o755)
    for name in os.listdir(os.path.join(ROOT, "Data")):
        if name.endswith(".json"):
            shutil.copy(os.path.join(ROOT, "Data", name), docroot)
            os.chmod(os.path.join(docroot, name), 0o644)
    port = free_port()
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes 1;
error_log {work}/error.log warn;
pid {work}/nginx.pid;
daemon off;
events {{ worker_connections 4096; }}
http {{
    log_format fleet '$msec $status $bytes_sent $request_uri';
    access_log {work}/access.log fleet buffer=64k flush=1s;
    client_body_temp_path {work}/tb; proxy_temp_path {work}/tp; fastcgi_temp_path {work}/tf;
    uwsgi_temp_path {work}/tu; scgi_temp_path {work}/ts;
    types {{ application/json json; }}
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        root {docroot};
        etag on;
        add_header Cache-Control "no-cache";
    }}
}}
""")
    nginx = subprocess.Popen([nginx_bin, "-p", work, "-c", conf, "-e", os.path.join(work, "error.log")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.02)
    url = f"http://127.0.0.1:{port}/"

    pledges_path = os.path.join(docroot, "pledges.json")
    original = open(pledges_path, "rb").read()
    marker = b'"actual": 41.6'
    if marker not in original:
        sys.exit("fleet-load: the bundled pledges.json changed; update the publisher's marker")

    walls = []
    logs = []
    env = dict(os.environ, MAYOR_SCREENS=os.path.join(ROOT, "Screens"))
    for i in range(args.walls):
        log = open(os.path.join(work, f"wall-{i}.log"), "w")
        logs.append(log.name)
        walls.append(subprocess.Popen([binary, "headless", "--data", url, "--refresh", str(args.refresh)],
                                      stdout=log, stderr=subprocess.STDOUT, env=env))
        log.close()
    # The window opens when every wall has loaded every file once.
    kinds = len([n for n in os.listdir(docroot) if n.endswith(".json")])
    deadline = time.time() + 120
    while time.time() < deadline:
        ready = sum(1 for path in logs if sum(1 for line in open(path, errors="replace") if " snapshot " in line) >= kinds)
        if ready == len(logs):
            break
        time.sleep(0.5)
    else:
        sys.exit(f"fleet-load: only {ready} of {len(logs)} walls loaded every file within 120 s")
    time.sleep(args.refresh)

    nginx_pids = [nginx.pid] + children(nginx.pid)
    nginx_cpu0 = sum(cpu_seconds(p) for p in nginx_pids)
    wall_cpu0 = cpu_seconds(walls[0].pid)
    start = time.time()
    published = {}  # hash -> publish time
    version = 0
    next_publish = start
    while time.time() - start < args.seconds:
        now = time.time()
        if now >= next_publish:
            version += 1
            body = original.replace(marker, b'"actual": %d.%d' % (42 + version // 10, version % 10), 1)
            tmp = os.path.join(docroot, ".pledges.json.tmp")
            with open(tmp, "wb") as f:
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            os.rename(tmp, pledges_path)
            published[fnv1a64(body)] = time.time()
            next_publish += args.publish_every
        time.sleep(0.01)
    elapsed = time.time() - start
    time.sleep(args.refresh + 1)  # the last version reaches every wall
    nginx_cpu = sum(cpu_seconds(p) for p in nginx_pids if os.path.exists(f"/proc/{p}")) - nginx_cpu0
    wall_cpu = cpu_seconds(walls[0].pid) - wall_cpu0

    for w in walls:
        w.send_signal(signal.SIGTERM)
    for w in walls:
        try:
            w.wait(timeout=10)
        except subprocess.TimeoutExpired:
            w.kill()
    nginx.send_signal(signal.SIGQUIT)
    nginx.wait(timeout=10)

    delays, missed, problems = [], 0, []
    for path in logs:
        seen = {}
        for line in open(path, errors="replace"):
            parts = line.split()
            # <unix seconds> snapshot <kind> <asOf> <hash>   |   <unix seconds> problem <kind> <text…>
            if len(parts) >= 5 and parts[1] == "snapshot" and parts[2] == "pledges":
                h = int(parts[4], 16)
                if h in published and h not in seen:
                    seen[h] = float(parts[0])
            elif len(parts) >= 2 and parts[1] == "problem":
                problems.append(f"{os.path.basename(path)}: {line.strip()}")
        for h, t in published.items():
            if h in seen:
                delays.append(seen[h] - t)
            else:
                missed += 1

    requests = statuses304 = sent = 0
    others = {}
    for line in open(os.path.join(work, "access.log")):
        parts = line.split()
        if len(parts) < 4:
            continue
        t = float(parts[0])
        if start <= t <= start + elapsed:
            requests += 1
            statuses304 += parts[1] == "304"
            sent += int(parts[2])
            if parts[1] != "304":
                others[(parts[1], parts[3])] = others.get((parts[1], parts[3]), 0) + 1

    target_p99 = args.refresh + 1
    p50, p99, mx = percentile(delays, 50), percentile(delays, 99), max(delays) if delays else float("nan")
    share304 = statuses304 / requests if requests else 0
    print(f"\n{args.walls} headless walls polling every {args.refresh:g} s for {elapsed:.0f} s; "
          f"pledges.json rewritten every {args.publish_every:g} s ({len(published)} versions)\n")
    print("| Measure | Target | Measured |")
    print("|---|---|---|")
    print(f"| publish-to-visible delay p50 | | {p50:.2f} s |")
    print(f"| publish-to-visible delay p99 | ≤ {target_p99:g} s | {p99:.2f} s |")
    print(f"| publish-to-visible delay max | | {mx:.2f} s |")
    print(f"| versions a wall never showed | 0 | {missed} |")
    print(f"| requests per second at nginx | | {requests / elapsed:.0f} |")
    print(f"| share of 304 responses | ≥ 95 % | {share304 * 100:.1f} % |")
    print(f"| bytes per second sent by nginx | | {sent / elapsed / 1024:.1f} KiB/s |")
    print(f"| nginx CPU (master and worker) | ≤ 10 % of a core | {nginx_cpu / elapsed * 100:.1f} % |")
    print(f"| CPU of one wall | | {wall_cpu / elapsed * 100:.2f} % |")
    print(f"| problems reported by any wall (a half-written file would be one) | 0 | {len(problems)} |")
    for p in problems[:5]:
        print("   ", p)
    print("\nresponses other than 304: " + ", ".join(f"{n} x {status} {uri}" for (status, uri), n in sorted(others.items())))
    ok = p99 <= target_p99 and share304 >= 0.95 and nginx_cpu / elapsed <= 0.10 and not problems and missed == 0
    shutil.rmtree(work, ignore_errors=True)
    print("\nfleet-load: " + ("all targets met" if ok else "TARGETS MISSED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
