/*
 * reply.c - filling a handler's reply: JSON bodies, JSON errors that carry
 * both Watchman's "error" and yente's "detail" keys so clients of either
 * read them, and text bodies.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server_int.h"

static const char out_of_memory[] = "{\"error\":\"out of memory\",\"detail\":\"out of memory\",\"status\":500}";

void reply_text(reply *out, int status, const char *content_type, const char *text, size_t len) {
    reply_free(out);
    out->body = malloc(len + 1);
    if (!out->body) {
        out->status = 500;
        out->content_type = "application/json";
        out->body = strdup(out_of_memory);
        out->len = out->body ? strlen(out->body) : 0;
        return;
    }
    memcpy(out->body, text, len);
    out->body[len] = '\0';
    out->len = len;
    out->status = status;
    out->content_type = content_type;
}

void reply_json(reply *out, int status, json_t *obj) {
    char *text = obj ? json_dumps(obj, JSON_COMPACT | JSON_REAL_PRECISION(8)) : NULL;
    json_decref(obj);
    if (!text) {
        reply_text(out, 500, "application/json", out_of_memory, sizeof out_of_memory - 1);
        return;
    }
    reply_free(out);
    out->body = text;
    out->len = strlen(text);
    out->status = status;
    out->content_type = "application/json";
}

void reply_error(reply *out, int status, const char *fmt, ...) {
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    reply_json(out, status, json_pack("{s:s, s:s, s:i}", "error", message, "detail", message, "status", status));
}

void reply_free(reply *out) {
    free(out->body);
    out->body = NULL;
    out->len = 0;
}
