"""Activation under load: drives benchmarks/activation/run's two nodes (see there).

While wrk loads the decision API of both nodes (each node with its own calling system, so that a
recorded decision says which node made it), uploads each new GAF workbook as a policy editor, submits
it, has a second person approve it, and times, per node, how long after the version's effectiveFrom
that node recorded its first decision under the new version (and when a probe asking every 50 ms first
had an answer with it, queueing included). Stops the load 15 s after the last switch, then checks the
decisions recorded during the run: every one made by the old or a new version, its output naming the
version it is stored under, and none made by a replaced version after its node's first decision under
the new one.
"""
import base64
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

nodes = sys.argv[1].split(",")
warmup = int(os.environ["WARMUP"])
clients = os.environ["CLIENTS"].split(",")  # user:password of each node's calling system
editor, approver = os.environ["EDITOR"], os.environ["APPROVER"]
callers = [client.split(":")[0] for client in clients]
changes = [change.split(":") for change in os.environ["CHANGES"].split(",")]  # workbook:delay-seconds
bodies, db, out = os.environ["BODIES"], os.environ["DB"], os.environ["OUT"]
here = os.path.dirname(os.path.abspath(__file__))


def auth(user_password):
    return "Basic " + base64.b64encode(user_password.encode()).decode()


def call(method, url, who, body=None, content_type="application/json"):
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Authorization": auth(who), "Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"null")


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n'
                     .encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def psql(sql):
    return subprocess.run(["psql", "-tA", "-F", "|", "-d", db, "-c", sql], check=True, capture_output=True,
                          text=True).stdout.strip()


probe_body = open(bodies).readline().encode()
seen = {node: {} for node in nodes}  # node -> {hash: first instant it answered with it}
probe_errors = {node: 0 for node in nodes}
stop = threading.Event()


def probe(node, client):
    while not stop.is_set():
        try:
            answer = call("POST", node + "/api/v1/programmes/gaf/decisions:evaluate", client, probe_body)
            seen[node].setdefault(answer["rulesetVersion"]["hash"], time.time())
        except Exception as ex:  # counted: a probe that fails is a failed request too
            probe_errors[node] += 1
            print(f"probe of {node} failed: {ex}", file=sys.stderr)
        time.sleep(0.05)


old_hash = psql("select r.content_hash from app.ruleset_activation a join app.ruleset r on r.id = a.ruleset_id "
                "where a.programme = 'GAF' order by a.activated_at desc, a.id desc limit 1")
started = datetime.now(timezone.utc)
# Until stopped (SIGINT: wrk then prints its summary).
loads = [subprocess.Popen(["wrk", "-t1", f"-c{os.environ.get('CONNECTIONS', '4')}", "-d3600s", "--timeout", "30s",
                           "-s", f"{here}/post.lua", node + "/api/v1/programmes/gaf/decisions"],
                          env={**os.environ, "BODIES": bodies, "AUTH": auth(client)}, stdout=subprocess.PIPE,
                          text=True) for node, client in zip(nodes, clients)]
probes = [threading.Thread(target=probe, args=(node, client), daemon=True) for node, client in zip(nodes, clients)]
for thread in probes:
    thread.start()
time.sleep(warmup)

switches = []
for workbook, delay in changes:
    body, content_type = multipart({"changeNote": f"Band-1 edge moved ({os.path.basename(workbook)})"},
                                   {"file": ("gaf-eligibility.xlsx", open(workbook, "rb").read())})
    report = call("POST", nodes[0] + "/api/v1/rulesets/programmes/gaf/drafts", editor, body, content_type)
    version = report["version"]
    call("POST", f"{nodes[0]}/api/v1/rulesets/versions/{version['id']}/submit", editor)
    effective = datetime.now(timezone.utc) + timedelta(seconds=float(delay))
    approval = {"effectiveFrom": effective.isoformat().replace("+00:00", "Z")} if float(delay) > 0 else {}
    approved = call("POST", f"{nodes[-1]}/api/v1/rulesets/versions/{version['id']}/approve", approver,
                    json.dumps(approval).encode())
    effective_at = datetime.fromisoformat(approved["effectiveFrom"].replace("Z", "+00:00")).timestamp()
    new_hash = version["contentHash"] if "contentHash" in version else version["hash"]
    deadline = time.time() + float(delay) + 60
    while time.time() < deadline and not all(new_hash in seen[node] for node in nodes):
        time.sleep(0.05)
    time.sleep(3)  # the last decisions under the replaced version are committed
    effective = datetime.fromtimestamp(effective_at, timezone.utc).isoformat()
    first = {}  # node -> seconds from effectiveFrom to its first recorded decision under the new version
    for node, caller in zip(nodes, callers):
        value = psql(f"""select extract(epoch from min(d.evaluated_at) - '{effective}'::timestamptz)
                         from app.decision d join app.ruleset r on r.id = d.ruleset_id
                         where d.caller = '{caller}' and r.content_hash = '{new_hash}'""")
        first[node] = float(value) if value else None
    probed = {node: (seen[node][new_hash] - effective_at if new_hash in seen[node] else None) for node in nodes}
    switches.append({"version": version["id"], "hash": new_hash, "scheduled": float(delay) > 0,
                     "effectiveFrom": approved["effectiveFrom"], "effective_at": effective_at, "first": first,
                     "probed": probed})
    print(f"version {version['id']} effective {approved['effectiveFrom']}: first decisions "
          + ", ".join(f"{node} {s}" for node, s in first.items()) + "; probes "
          + ", ".join(f"{node} {s}" for node, s in probed.items()))

time.sleep(15)
for load in loads:
    load.send_signal(signal.SIGINT)
results = [load.communicate()[0] for load in loads]
stop.set()
for thread in probes:
    thread.join()
rows = [line.split()[1:] for result in results for line in result.splitlines() if line.startswith("RESULT")]

# The decisions recorded during the run, by the version they are stored under and the one their output names.
stored = psql(f"""select r.content_hash, d.output->'rulesetVersion'->>'hash', count(*) from app.decision d
                  join app.ruleset r on r.id = d.ruleset_id
                  where d.programme = 'GAF' and d.evaluated_at >= '{started.isoformat()}' group by 1, 2""")
known = {old_hash} | {switch["hash"] for switch in switches}
recorded = mixed = unknown = 0
by_version = {}
for line in stored.splitlines():
    under, named, count = line.split("|")
    count = int(count)
    recorded += count
    by_version[under] = by_version.get(under, 0) + count
    mixed += count if under != named else 0
    unknown += count if under not in known else 0
# Made on a node by a version it had already replaced: after the node's first decision under a newer one.
hashes = [old_hash] + [switch["hash"] for switch in switches]
stale = []
for i, switch in enumerate(switches):
    late = {}
    for node, caller in zip(nodes, callers):
        if switch["first"][node] is None:
            late[node] = None
            continue
        since = datetime.fromtimestamp(switch["effective_at"] + switch["first"][node], timezone.utc).isoformat()
        earlier = ",".join(f"'{h}'" for h in hashes[: i + 1])
        late[node] = int(psql(f"""select count(*) from app.decision d join app.ruleset r on r.id = d.ruleset_id
                                  where d.caller = '{caller}' and r.content_hash in ({earlier})
                                    and d.evaluated_at > '{since}'"""))
    stale.append(late)

with open(out, "w") as md:
    md.write(f"# Activation under load ({started.strftime('%Y-%m-%dT%H:%MZ')}, {os.cpu_count()} cores shared, "
             f"{len(nodes)} nodes, {os.environ.get('CONNECTIONS', '4')} connections each)\n\n")
    md.write("| Node | Requests | Requests/s | p50 ms | p99 ms | Not 2xx | Socket errors |\n|---|---|---|---|---|---|---|\n")
    for node, (n, rps, p50, p99, bad, errors) in zip(nodes, rows):
        md.write(f"| {node} | {n} | {rps} | {p50} | {p99} | {bad} | {errors} |\n")
    md.write("\n| Version | Activation | Node | First decision under it, after effectiveFrom "
             "| Probe's first answer with it | Decisions under a replaced version after that |\n|---|---|---|---|---|---|\n")
    for switch, late in zip(switches, stale):
        for node in nodes:
            first, probed = switch["first"][node], switch["probed"][node]
            md.write(f"| {switch['version']} | {'scheduled' if switch['scheduled'] else 'at approval'} | {node} "
                     f"| {'never' if first is None else f'{first:.2f} s'} | {'never' if probed is None else f'{probed:.2f} s'} "
                     f"| {late[node]} |\n")
    md.write(f"\nDecisions recorded during the run: {recorded}; by version "
             + ", ".join(f"{h[:12]} {c}" for h, c in by_version.items())
             + f"; output naming another version than the one stored (mixed): {mixed}; "
             f"made by a version other than the old or a new one (unknown): {unknown}; "
             f"failed probes: {sum(probe_errors.values())}.\n")
print(open(out).read())
