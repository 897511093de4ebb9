#!/usr/bin/env python3
"""HTTP benchmarks of a running citebot (stdlib only).

  scripts/bench-http.py overhead URL [N]        /api/chat against /v1/chat/completions, one request at a time
  scripts/bench-http.py split URL QUERIES.jsonl [ROUNDS]   where /api/chat's time goes, one client: the client's p50/p99,
                                                the server's own time for the route and its stages (/metrics), /health
  scripts/bench-http.py load URL CLIENTS SECS [KEY]   /v1 from CLIENTS threads for SECS seconds: status counts, rate, p50/p99
                                                      (URL may list replicas, comma-separated: clients take turns)
  scripts/bench-http.py load-api URL CLIENTS SECS     the same on /api/chat
  scripts/bench-http.py search-eval URL[,URL2] QUERIES.jsonl   hits@1, MRR@10 and answered share over HTTP, replicas in turn
  scripts/bench-http.py ingest URL KEY DOCS.jsonl N BATCH   POST N articles of a jsonl file in batches: articles/s, passages/s
"""
import json, sys, threading, time, urllib.error, urllib.request
from http.client import HTTPConnection
from urllib.parse import urlparse

QUESTIONS = ["What did Dmitry Peskov say about negotiations?", "What did Putin offer?",
             "Summarize the news about Russia and Iran.", "Who won the 2018 World Cup?"]

def post(conn, path, body, key=None):
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = "Bearer " + key
    t0 = time.perf_counter()
    conn.request("POST", path, json.dumps(body), headers)
    r = conn.getresponse()
    r.read()
    return r.status, (time.perf_counter() - t0) * 1000

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]

def overhead(url, n):
    u = urlparse(url)
    conn = HTTPConnection(u.hostname, u.port)
    for q in QUESTIONS * 5:  # warm-up
        post(conn, "/api/chat", {"question": q})
        post(conn, "/v1/chat/completions", {"model": "citebot", "messages": [{"role": "user", "content": q}]})
    api, v1 = [], []
    for i in range(n):
        q = QUESTIONS[i % len(QUESTIONS)]
        # alternate the order so neither route always runs on a warmer cache
        first, second = (("api", "v1") if i % 2 == 0 else ("v1", "api"))
        for which in (first, second):
            if which == "api":
                api.append(post(conn, "/api/chat", {"question": q})[1])
            else:
                v1.append(post(conn, "/v1/chat/completions", {"model": "citebot", "messages": [{"role": "user", "content": q}]})[1])
    diffs = [b - a for a, b in zip(api, v1)]
    print(f"n={n}  /api/chat p50 {pct(api,50):.1f} ms p99 {pct(api,99):.1f} ms  /v1 p50 {pct(v1,50):.1f} ms p99 {pct(v1,99):.1f} ms"
          f"  paired difference p50 {pct(diffs,50):+.1f} ms p99 {pct(diffs,99):+.1f} ms")

def metric_sums(conn):
    """(sum, count) of /metrics' stage timers and of the server's own timer of POST /api/chat (status 200)."""
    import re
    conn.request("GET", "/metrics")
    text = conn.getresponse().read().decode()
    sums = {}
    for kind, stage, v in re.findall(r'citebot_stage_seconds_(sum|count)\{stage="(\w+)"\} (\S+)', text):
        sums.setdefault(stage, [0.0, 0.0])[kind == "count"] += float(v)
    for line in text.splitlines():
        if line.startswith("citebot_http_requests_seconds_") and 'route="/api/chat"' in line and 'method="POST"' in line \
                and 'status="200"' in line and ("_sum{" in line or "_count{" in line):
            sums.setdefault("server", [0.0, 0.0])["_count{" in line] += float(line.rsplit(" ", 1)[1])
    return sums

def split(url, queries, rounds):
    u = urlparse(url)
    conn = HTTPConnection(u.hostname, u.port, timeout=60)
    qs = [json.loads(line)["question"] for line in open(queries) if line.strip()]
    for q in qs:  # warm-up
        post(conn, "/api/chat", {"question": q})
    before = metric_sums(conn)
    times = [post(conn, "/api/chat", {"question": q})[1] for _ in range(rounds) for q in qs]
    after = metric_sums(conn)
    means = {k: 1000 * (after[k][0] - before.get(k, [0, 0])[0]) / (after[k][1] - before.get(k, [0, 0])[1])
             for k in after if after[k][1] > before.get(k, [0, 0])[1]}
    health = []
    for _ in range(300):
        t0 = time.perf_counter()
        conn.request("GET", "/health")
        conn.getresponse().read()
        health.append((time.perf_counter() - t0) * 1000)
    stages = ", ".join(f"{k} {means[k]:.2f}" for k in ("embedding", "retrieval", "composition", "storage") if k in means)
    print(f"n={len(times)}  /api/chat p50 {pct(times, 50):.2f} ms p99 {pct(times, 99):.2f} ms mean {sum(times) / len(times):.2f} ms;"
          f" server's own mean {means.get('server', float('nan')):.2f} ms; stage means {stages} ms; /health p50 {pct(health, 50):.2f} ms")

def load(url, clients, secs, key=None, route="/v1/chat/completions"):
    # several replicas: URL1,URL2,... (client k talks to replica k mod n, like a round-robin balancer)
    urls = [urlparse(x) for x in url.split(",")]
    counts, lock, stop = {}, threading.Lock(), time.time() + secs
    latencies = []
    def worker(k):
        u = urls[k % len(urls)]
        conn = HTTPConnection(u.hostname, u.port, timeout=30)
        i = k
        while time.time() < stop:
            body = ({"question": QUESTIONS[i % 4]} if route == "/api/chat"
                    else {"model": "citebot", "messages": [{"role": "user", "content": QUESTIONS[i % 4]}]})
            try:
                status, ms = post(conn, route, body, key)
            except Exception:
                status, ms = "error", None
                conn = HTTPConnection(u.hostname, u.port, timeout=30)
            with lock:
                counts[status] = counts.get(status, 0) + 1
                if status == 200:
                    latencies.append(ms)
            i += 1
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    total = sum(counts.values())
    lat = f" p50 {pct(latencies, 50):.0f} ms p99 {pct(latencies, 99):.0f} ms" if latencies else ""
    print(f"{route} clients={clients} secs={secs} statuses={counts} answered/s={counts.get(200, 0) / secs:.1f}"
          f" requests/s={total / secs:.1f}{lat}")

def search_eval(url, queries):
    """Article-level hits@1 and MRR@10 over HTTP (GET /api/search, collapse=article, the question's date as now),
    the questions dealt round-robin to the replicas in URL (comma-separated); then the answered share of /api/chat."""
    urls = [urlparse(x) for x in url.split(",")]
    conns = [HTTPConnection(u.hostname, u.port, timeout=60) for u in urls]
    from urllib.parse import urlencode
    qs = [json.loads(line) for line in open(queries) if line.strip()]
    gold_qs = [q for q in qs if q.get("evidence_doc_ids")]
    hits1, rr, answered, lat = 0, 0.0, 0, []
    for i, q in enumerate(gold_qs):
        conn = conns[i % len(conns)]
        params = {"q": q["question"], "k": 10, "collapse": "article"}
        if q.get("question_date"):
            params["now"] = q["question_date"]
        t0 = time.perf_counter()
        conn.request("GET", "/api/search?" + urlencode(params))
        r = conn.getresponse()
        body = json.loads(r.read())
        lat.append((time.perf_counter() - t0) * 1000)
        ranked = [x["articleId"] for x in body.get("results", [])]
        gold = set(q["evidence_doc_ids"])
        rank = next((j + 1 for j, a in enumerate(ranked[:10]) if a in gold), None)
        hits1 += rank == 1
        rr += 1.0 / rank if rank else 0
    for i, q in enumerate(qs):
        conn = conns[i % len(conns)]
        conn.request("POST", "/api/chat", json.dumps({"question": q["question"], **({"now": q["question_date"]} if q.get("question_date") else {})}),
                     {"Content-Type": "application/json"})
        reply = json.loads(conn.getresponse().read())
        answered += not reply.get("refused", True)
    n = len(gold_qs)
    print(f"replicas={len(urls)} questions={len(qs)} with-gold={n} hits@1={hits1 / n:.3f} mrr@10={rr / n:.3f} "
          f"answered={answered / len(qs):.3f} search p50 {pct(lat, 50):.1f} ms p99 {pct(lat, 99):.1f} ms")

def ingest(url, key, docs, n, batch):
    u = urlparse(url)
    conn = HTTPConnection(u.hostname, u.port, timeout=600)
    def passages():
        conn.request("GET", "/health")
        return json.loads(conn.getresponse().read())["passages"]
    arts = []
    with open(docs) as f:
        for line in f:
            d = json.loads(line)
            arts.append({k: d[k] for k in ("id", "title", "text", "date", "source", "url") if d.get(k)})
            if len(arts) == n:
                break
    for a in arts:
        a["id"] = "bench-" + "".join(c if c.isalnum() else "-" for c in a["id"])[:150]
    p0, t0 = passages(), time.perf_counter()
    times = []
    for i in range(0, len(arts), batch):
        status, ms = post(conn, "/api/articles", {"articles": arts[i:i + batch]}, key)
        if status != 201:
            raise SystemExit(f"batch {i}: HTTP {status}")
        times.append(ms)
    secs = time.perf_counter() - t0
    p = passages() - p0
    print(f"{len(arts)} articles ({p} passages) in {secs:.1f} s: {len(arts) / secs:.1f} articles/s, {p / secs:.0f} passages/s;"
          f" batch of {batch}: p50 {pct(times, 50) / 1000:.1f} s")

if __name__ == "__main__":
    if sys.argv[1] == "search-eval":
        search_eval(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "ingest":
        ingest(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    elif sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 3)
    elif sys.argv[1] == "overhead":
        overhead(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 400)
    else:
        route = "/api/chat" if sys.argv[1] == "load-api" else "/v1/chat/completions"
        load(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None, route)
