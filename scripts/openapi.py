#!/usr/bin/env python3
"""Writes src/main/resources/openapi.json, the OpenAPI 3.1 description of citebot's HTTP API.
Edit the routes here and run it again; OpenApiTest checks the result with a real OpenAPI parser and against the
routes the server registers."""
import json, pathlib

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def body(schema, required=True): return {"required": required, "content": {"application/json": {"schema": schema}}}
def ok(desc, schema=None, ctype="application/json"):
    r = {"description": desc}
    if schema is not None: r["content"] = {ctype: {"schema": schema}}
    return r
ERR = {"description": "bad input, missing key, rate limit, overload: `{\"error\"}`", "content": {"application/json": {"schema": ref("Error")}}}
OAERR = {"description": "an error in OpenAI's shape", "content": {"application/json": {"schema": ref("OpenAiError")}}}
def q(name, desc, schema={"type": "string"}, required=False, where="query"):
    return {"name": name, "in": where, "required": required, "description": desc, "schema": schema}
FILTERS = [q("mode", "bm25, dense or hybrid", {"type": "string", "enum": ["bm25", "dense", "hybrid"]}),
           q("from", "first publication date (YYYY-MM-DD)", {"type": "string", "format": "date"}),
           q("to", "last publication date (YYYY-MM-DD)", {"type": "string", "format": "date"}),
           q("source", "publisher name (case-insensitive)"),
           q("now", "the date relative time words count from", {"type": "string", "format": "date"})]
SECURED = [{"apiKey": []}, {}]

citation = {"type": "object", "required": ["n", "articleId", "passageId", "text"], "properties": {
    "n": {"type": "integer", "minimum": 1}, "articleId": {"type": "string"}, "title": {"type": ["string", "null"]},
    "source": {"type": ["string", "null"]}, "date": {"type": ["string", "null"], "format": "date"},
    "url": {"type": ["string", "null"]}, "passageId": {"type": "string"}, "text": {"type": "string"},
    "link": {"type": "string", "description": "where a reader sees it: the article's own URL, else citebot's view of the article at the passage (/articles/{id}#pN, signed when API keys are set)"},
    "alsoReportedBy": {"type": "array", "description": "other outlets' copies of the same report (wire copy, rewrites), cited once as the earliest copy; absent when none",
        "items": {"type": "object", "required": ["articleId"], "properties": {"articleId": {"type": "string"},
            "source": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]}, "title": {"type": "string"},
            "date": {"type": ["string", "null"], "format": "date"}}}}}}
chat_request = {"type": "object", "required": ["question"], "properties": {
    "question": {"type": "string", "maxLength": 2000}, "conversationId": {"type": "string"},
    "mode": {"type": "string", "enum": ["bm25", "dense", "hybrid"]}, "from": {"type": "string", "format": "date"},
    "to": {"type": "string", "format": "date"}, "source": {"type": "string"}, "now": {"type": "string", "format": "date"}}}
chat = {"type": "object", "required": ["conversationId", "turn", "answer", "refused", "citations", "searchedFor"], "properties": {
    "conversationId": {"type": "string"}, "turn": {"type": "integer"}, "answer": {"type": "string"},
    "refused": {"type": "boolean"}, "citations": {"type": "array", "items": ref("Citation")},
    "related": {"type": "array", "items": ref("Citation")}, "searchedFor": {"type": "string"},
    "unsupported": {"type": "array", "items": {"type": "string"}}, "fallback": {"type": "string"},
    "shortAnswer": {"type": "object", "required": ["text", "citations"], "description": "the asked name, place, date or number in a few words, put first; present when the question asks for one and the cited sentences state it",
        "properties": {"text": {"type": "string"}, "citations": {"type": "array", "items": {"type": "integer", "minimum": 1},
            "description": "the numbers n of the citations that state it (several when independent reports agree)"}}},
    "timeline": {"type": "array", "description": "for a question about how a story unfolded (\"How did X unfold?\", \"Timeline of X\"): its dated developments, oldest first; the answer text has the same, a line each",
        "items": {"type": "object", "required": ["date", "text", "citation"], "properties": {"date": {"type": "string", "format": "date"},
            "text": {"type": "string"}, "citation": {"type": "integer", "minimum": 1}}}}}}
feedback_request = {"type": "object", "required": ["conversationId", "rating"], "properties": {
    "conversationId": {"type": "string"}, "turn": {"type": "integer", "minimum": 1},
    "rating": {"type": "string", "enum": ["up", "down"]}, "comment": {"type": "string", "maxLength": 2000}}}
feedback = {"type": "object", "properties": {"id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
    "conversationId": {"type": "string"}, "turn": {"type": "integer"}, "rating": {"type": "string", "enum": ["up", "down"]},
    "comment": {"type": ["string", "null"]}, "door": {"type": "string"}, "question": {"type": "string"}, "answer": {"type": "string"},
    "citations": {"type": "array", "items": {"type": "object"}}}}
completion_request = {"type": "object", "required": ["model", "messages"], "properties": {
    "model": {"type": "string", "const": "citebot"}, "stream": {"type": "boolean"},
    "stream_options": {"type": "object", "properties": {"include_usage": {"type": "boolean"}}},
    "n": {"type": "integer", "const": 1},
    "messages": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["role"], "properties": {
        "role": {"type": "string", "enum": ["system", "developer", "user", "assistant"]},
        "content": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "object", "properties": {
            "type": {"type": "string", "const": "text"}, "text": {"type": "string"}}}}, {"type": "null"}]}}}}},
    "additionalProperties": True}
annotation = {"type": "object", "properties": {"type": {"type": "string", "const": "url_citation"}, "url_citation": {
    "type": "object", "properties": {"url": {"type": "string"}, "title": {"type": "string"},
    "start_index": {"type": "integer"}, "end_index": {"type": "integer"}}}}}
completion = {"type": "object", "properties": {"id": {"type": "string"}, "object": {"type": "string", "const": "chat.completion"},
    "created": {"type": "integer"}, "model": {"type": "string"}, "choices": {"type": "array", "items": {"type": "object", "properties": {
        "index": {"type": "integer"}, "finish_reason": {"type": "string"}, "message": {"type": "object", "properties": {
            "role": {"type": "string"}, "content": {"type": "string"}, "annotations": {"type": "array", "items": ref("UrlCitation")}}}}}},
    "usage": {"type": "object", "description": "estimated at four characters a token", "properties": {
        "prompt_tokens": {"type": "integer"}, "completion_tokens": {"type": "integer"}, "total_tokens": {"type": "integer"}}},
    "citations": {"type": "array", "items": ref("Citation")}, "related": {"type": "array", "items": ref("Citation")},
    "refused": {"type": "boolean"}, "searchedFor": {"type": "string"}}}
model = {"type": "object", "properties": {"id": {"type": "string"}, "object": {"type": "string"}, "created": {"type": "integer"},
    "owned_by": {"type": "string"}}}

paths = {
 "/api/chat": {"post": {"summary": "Ask a question (in a conversation)", "security": SECURED, "requestBody": body(ref("ChatRequest")),
    "responses": {"200": ok("the answer with its citations", ref("Chat")), "400": ERR, "401": ERR, "415": ERR, "429": ERR, "503": ERR}}},
 "/api/chat/stream": {"post": {"summary": "Ask, with the answer as Server-Sent Events (token events, then done)", "security": SECURED,
    "requestBody": body(ref("ChatRequest")), "responses": {"200": ok("text/event-stream: token {text}, then done (the /api/chat JSON)",
    {"type": "string"}, "text/event-stream"), "400": ERR, "401": ERR, "429": ERR, "503": ERR}}},
 "/api/search": {"get": {"summary": "The passages retrieval finds", "security": SECURED,
    "parameters": [q("q", "the query", required=True), q("k", "how many (1-100)", {"type": "integer", "minimum": 1, "maximum": 100}),
                   q("collapse", "article: one passage per article; story: one passage per report, other outlets' copies in alsoReportedBy", {"type": "string", "enum": ["article", "story", "passage"]})] + FILTERS,
    "responses": {"200": ok("results", {"type": "object", "properties": {"results": {"type": "array", "items": {"type": "object"}}}}),
                  "400": ERR, "401": ERR, "429": ERR, "503": ERR}}},
 "/api/articles": {"get": {"summary": "The indexed articles in id order, a page at a time", "security": SECURED,
    "parameters": [q("limit", "articles a page (1..1000, default 1000)", {"type": "integer", "minimum": 1, "maximum": 1000}),
                   q("after", "the next page starts after this id: the previous page's next")],
    "responses": {"200": ok("articles",
    {"type": "object", "properties": {"articles": {"type": "array", "items": {"type": "object"}},
                                      "next": {"type": "string", "description": "after of the next page; absent on the last"}}}),
    "400": ERR, "401": ERR}},
    "post": {"summary": "Add articles (one, or {\"articles\": [...]} of up to 100), answerable when this returns; needs an API key",
             "security": [{"apiKey": []}], "requestBody": body({"oneOf": [ref("NewArticle"), {"type": "object", "required": ["articles"],
                 "properties": {"articles": {"type": "array", "maxItems": 100, "items": ref("NewArticle")}}}]}),
             "responses": {"201": ok("the ids, in order", ref("Ids")), "400": ERR, "401": ERR, "403": ERR, "409": ERR, "413": ERR}}},
 "/api/articles/{id}": {
    "get": {"summary": "One article with its passages", "security": SECURED, "parameters": [q("id", "article id", required=True, where="path")],
            "responses": {"200": ok("the article", ref("ArticleWithPassages")), "401": ERR, "404": ERR}},
    "put": {"summary": "Replace (200) or create (201) the article with this id; needs an API key", "security": [{"apiKey": []}],
            "parameters": [q("id", "article id", required=True, where="path")], "requestBody": body(ref("NewArticle")),
            "responses": {"200": ok("replaced", ref("Ids")), "201": ok("created", ref("Ids")), "400": ERR, "401": ERR, "403": ERR, "409": ERR}},
    "delete": {"summary": "Remove an article written over HTTP or from a feed; needs an API key", "security": [{"apiKey": []}],
               "parameters": [q("id", "article id", required=True, where="path")],
               "responses": {"204": {"description": "removed"}, "401": ERR, "403": ERR, "404": ERR, "409": ERR}}},
 "/api/conversations/{id}": {"get": {"summary": "The turns of a conversation this server issued", "security": SECURED,
    "parameters": [q("id", "conversation id", required=True, where="path")],
    "responses": {"200": ok("its turns", {"type": "object", "properties": {"conversationId": {"type": "string"},
        "turns": {"type": "array", "items": {"type": "object"}}}}), "401": ERR, "404": ERR}}},
 "/api/feedback": {
    "post": {"summary": "Rate an answer", "security": SECURED, "requestBody": body(ref("FeedbackRequest")),
             "responses": {"201": ok("the stored entry", ref("Feedback")), "400": ERR, "401": ERR}},
    "get": {"summary": "Everyone's feedback, newest first (admin role: CITEBOT_ADMIN_KEYS)", "security": SECURED,
            "parameters": [q("limit", "how many (1-1000, default 100)", {"type": "integer", "minimum": 1, "maximum": 1000})],
            "responses": {"200": ok("entries", {"type": "object", "properties": {"feedback": {"type": "array", "items": ref("Feedback")}}}),
                          "400": ERR, "401": ERR, "403": ERR}}},
 "/api/watches": {
    "post": {"summary": "Follow a topic: briefs of newly arrived articles that match it are POSTed to webhookUrl (signed: X-Citebot-Signature: sha256=HMAC of the body with CITEBOT_WEBHOOK_SECRET) or posted in a Slack channel's thread, at most once per CITEBOT_WATCH_INTERVAL",
             "security": SECURED, "requestBody": body(ref("WatchRequest")),
             "responses": {"201": ok("the watch", ref("Watch")), "400": ERR, "401": ERR}},
    "get": {"summary": "The caller's watches, oldest first", "security": SECURED,
            "responses": {"200": ok("watches", {"type": "object", "properties": {"watches": {"type": "array", "items": ref("Watch")}}}), "401": ERR}}},
 "/api/watches/{id}": {"delete": {"summary": "Stop following (the caller's own watches only)", "security": SECURED,
    "parameters": [q("id", "watch id", required=True, where="path")],
    "responses": {"204": {"description": "removed"}, "401": ERR, "404": ERR}}},
 "/v1/chat/completions": {"post": {"summary": "OpenAI-compatible chat completion (stateless; stream: true for chunks)", "security": SECURED,
    "requestBody": body(ref("CompletionRequest")), "responses": {"200": {"description": "a chat.completion, or with stream: true "
        "Server-Sent Events of chat.completion.chunk ending in data: [DONE]", "content": {"application/json": {"schema": ref("Completion")},
        "text/event-stream": {"schema": {"type": "string"}}}}, "400": OAERR, "401": OAERR, "404": OAERR, "429": OAERR, "503": OAERR}}},
 "/v1/models": {"get": {"summary": "The models offered (citebot)", "security": SECURED, "responses": {"200": ok("a list",
    {"type": "object", "properties": {"object": {"type": "string"}, "data": {"type": "array", "items": ref("Model")}}}), "401": OAERR}}},
 "/v1/models/{model}": {"get": {"summary": "One model", "security": SECURED, "parameters": [q("model", "model id", required=True, where="path")],
    "responses": {"200": ok("the model", ref("Model")), "401": OAERR, "404": OAERR}}},
 "/articles/{id}": {"get": {"summary": "An article as citebot holds it, one paragraph per passage (id=pN)",
    "parameters": [q("id", "article id", required=True, where="path"), q("sig", "the link's signature, needed when API keys are set")],
    "responses": {"200": ok("the page", {"type": "string"}, "text/html"), "403": ERR, "404": ERR}}},
 "/api/admin/backup": {"post": {"summary": "Write a backup (index, conversations, feedback, feed state) into a new folder under CITEBOT_BACKUP_DIR (a relative dir resolves there; 403 outside it); admin role, or citebot backup DIR on the server's machine with the token from DATA/server.json",
    "security": SECURED, "requestBody": body({"type": "object", "required": ["dir"], "properties": {"dir": {"type": "string"}}}),
    "responses": {"201": ok("what was backed up", {"type": "object", "properties": {"dir": {"type": "string"}, "articles": {"type": "integer"},
        "passages": {"type": "integer"}, "indexBytes": {"type": "integer"}, "millis": {"type": "integer"}}}), "400": ERR, "401": ERR, "403": ERR}}},
 "/health": {"get": {"summary": "Readiness and ingest progress (always open)", "responses": {"200": ok("status", {"type": "object"}),
            "503": ok("the search index cannot be reached (SolrCloud down): status unavailable", {"type": "object"})}}},
 "/metrics": {"get": {"summary": "Prometheus metrics (admin role)", "security": SECURED, "responses": {"200": ok("metrics", {"type": "string"}, "text/plain"),
    "401": ERR, "403": ERR}}},
 "/openapi.json": {"get": {"summary": "This document", "responses": {"200": ok("OpenAPI 3.1", {"type": "object"})}}},
 "/slack/events": {"post": {"summary": "Slack Events API (when the Slack door is on; signed by Slack)", "requestBody": body({"type": "object"}),
    "responses": {"200": ok("acknowledged (url_verification: the challenge)"), "400": ERR, "401": ERR}}},
 "/slack/commands": {"post": {"summary": "Slack slash command /ask (when the Slack door is on; signed by Slack)",
    "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}},
    "responses": {"200": ok("acknowledged with an ephemeral message", {"type": "object"}), "400": ERR, "401": ERR}}},
 "/slack/interactivity": {"post": {"summary": "Slack button presses (when the Slack door is on; signed by Slack)",
    "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}},
    "responses": {"200": ok("acknowledged"), "400": ERR, "401": ERR}}},
}
doc = {"openapi": "3.1.0", "info": {"title": "citebot", "version": "0.1.0",
        "description": "Questions answered from a news archive, every claim cited. Errors are {\"error\": \"...\"}, under /v1 OpenAI's shape."},
       "servers": [{"url": "http://localhost:7070"}],
       "paths": paths,
       "components": {"securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer",
           "description": "needed on every route but the page, /health, /openapi.json, article views and Slack's when the server has API keys (CITEBOT_API_KEYS); all feedback, backups, article writes and /metrics need an admin key (CITEBOT_ADMIN_KEYS)"}},
         "schemas": {"Citation": citation, "ChatRequest": chat_request, "Chat": chat, "FeedbackRequest": feedback_request,
           "Feedback": feedback, "CompletionRequest": completion_request, "UrlCitation": annotation, "Completion": completion,
           "Model": model,
           "WatchRequest": {"type": "object", "required": ["query"], "properties": {
               "query": {"type": "string", "maxLength": 300, "description": "the topic; * for the whole archive (with a digest time)"}, "webhookUrl": {"type": "string", "maxLength": 2000,
                   "description": "an http(s) URL on a public address (loopback and private ones only with CITEBOT_WEBHOOK_ALLOW_PRIVATE=true); give this or slackChannel"},
               "slackChannel": {"type": "string", "description": "a Slack channel id (C…), when the Slack door is on"},
               "digest": {"type": "string", "pattern": "^\\d{1,2}:\\d{2}$", "description": "a daily digest at this time of day (HH:MM, the server's zone) instead of posts as articles arrive"},
               "filters": {"type": "object", "properties": {"from": {"type": "string", "format": "date"},
                   "to": {"type": "string", "format": "date"}, "source": {"type": "string"}}}}},
           "Watch": {"type": "object", "required": ["id", "query", "createdAt"], "properties": {"id": {"type": "string"},
               "query": {"type": "string"}, "from": {"type": ["string", "null"], "format": "date"}, "to": {"type": ["string", "null"], "format": "date"},
               "source": {"type": ["string", "null"]}, "webhookUrl": {"type": ["string", "null"]}, "slackChannel": {"type": ["string", "null"]},
               "createdAt": {"type": "string", "format": "date-time"}, "digest": {"type": ["string", "null"]}, "paused": {"type": ["string", "null"], "description": "why it stopped posting (its channel is gone)"},
               "lastPost": {"type": "object", "properties": {"id": {"type": "string"}, "at": {"type": "string", "format": "date-time"},
                   "delivered": {"type": "boolean"}, "attempts": {"type": "integer"}, "error": {"type": ["string", "null"]}}}}},
           "NewArticle": {"type": "object", "required": ["title", "text"], "properties": {
               "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$", "description": "default: derived from title and text"},
               "title": {"type": "string", "maxLength": 500}, "text": {"type": "string", "maxLength": 500000},
               "date": {"type": "string", "format": "date"}, "source": {"type": "string", "maxLength": 200},
               "url": {"type": "string", "maxLength": 2000}}},
           "Ids": {"type": "object", "properties": {"ids": {"type": "array", "items": {"type": "string"}},
               "cut": {"type": "array", "description": "what cleaning cut from each text (absent when nothing)", "items": {"type": "object",
                   "properties": {"id": {"type": "string"}, "text": {"type": "array", "items": {"type": "string"}}}}}}},
           "ArticleWithPassages": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"},
               "source": {"type": ["string", "null"]}, "date": {"type": ["string", "null"], "format": "date"},
               "url": {"type": ["string", "null"]}, "origin": {"type": "string", "enum": ["file", "api", "feed"]},
               "passages": {"type": "array", "items": {"type": "object", "properties": {"passageId": {"type": "string"},
                   "ordinal": {"type": "integer"}, "text": {"type": "string"}}}}}}, "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
           "OpenAiError": {"type": "object", "properties": {"error": {"type": "object", "properties": {"message": {"type": "string"},
               "type": {"type": "string"}, "param": {"type": ["string", "null"]}, "code": {"type": ["string", "null"]}}}}}}}}
out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/openapi.json"
out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
print(out)
