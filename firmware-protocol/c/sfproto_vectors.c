/*
 * sfproto_vectors.c: an independent C99 implementation of the SealFlow serial protocol v1,
 * written from PROTOCOL.md alone (COBS, CRC-32C, frame header, payload layouts), that checks
 * test-vectors.json. It reads the vectors in a line form on stdin (CVectorCheckTest converts
 * the JSON without interpreting it):
 *
 *   V <name> <wire-hex> key=value ...   a valid frame and its stated meaning
 *   I <name> <wire-hex> <REASON>        an invalid run and the discard reason
 *
 * Values: decimal numbers, true/false, a,b,c for lists, and x<hex> for every JSON string
 * (the hex of its UTF-8 bytes). Prints "N passed, M failed"; exits 1 on any failure.
 * Build: cc -std=c99 -Wall -Wextra -pedantic -O2 -o sfproto_vectors sfproto_vectors.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- section 2: COBS (the reference code of PROTOCOL.md) ---- */

static int cobs_decode(const uint8_t *in, int n, uint8_t *out) {
    int r = 0, w = 0;
    while (r < n) {
        int code = in[r++];
        if (code == 0 || r + code - 1 > n) return -1;
        for (int i = 1; i < code; i++) { if (in[r] == 0) return -1; out[w++] = in[r++]; }
        if (code != 0xFF && r < n) out[w++] = 0;
    }
    return w;
}

static int cobs_encode(const uint8_t *in, int n, uint8_t *out) {
    int code_at = 0, w = 1; uint8_t code = 1;
    for (int r = 0; r < n; r++) {
        if (in[r] == 0) { out[code_at] = code; code_at = w++; code = 1; }
        else { out[w++] = in[r]; if (++code == 0xFF) { out[code_at] = code; code_at = w++; code = 1; } }
    }
    out[code_at] = code;
    return w;
}

/* ---- section 3: CRC-32C ---- */

static uint32_t crc32c(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1u))); }
    return ~c;
}

/* ---- section 4: message table ---- */

enum kind { U8, U16, U32, BOOL, STR, MAC, ENUM, VERSIONS };

static const char *const LOCK_STATES[] = {"LOCKED", "UNLOCKED", "FAULT"};
static const char *const METHODS[] = {NULL, "PIN", "BADGE"};
static const char *const REASONS[] = {NULL, "PRESSES_USED", "TIME_LIMIT", "LOCKED_BY_HOST", "ENDED_AT_DEVICE", "TAMPER",
                                      "POWER", "HOST_LOST"};
static const char *const KINDS[] = {NULL, "CASE_OPENED", "FORCED_PRESS", "MOVED", "SENSOR_FAULT", "DOOR_FORCED"};
static const char *const CODES[] = {NULL, "UNSUPPORTED_VERSION", "UNKNOWN_TYPE", "BAD_PAYLOAD", "BAD_MAC", "REPLAYED", "BUSY",
                                    "NO_SESSION", "NOT_ALLOWED", "BAD_ARGUMENT", "INTERNAL"};
#define TABLE(t) t, (int) (sizeof t / sizeof t[0])

struct field { const char *name; enum kind kind; int max; const char *const *names; int count; };
struct msg { int code; const char *name; int nfields; struct field f[8]; };

static const struct msg MSGS[] = {
    {0x01, "HELLO", 7, {{"deviceId", STR, 32, NULL, 0}, {"firmwareVersion", STR, 32, NULL, 0}, {"pressCounter", U32, 0, NULL, 0},
                        {"capabilities", U16, 0, NULL, 0}, {"slotCount", U8, 0, NULL, 0}, {"lastUnlockCounter", U32, 0, NULL, 0},
                        {"versions", VERSIONS, 16, NULL, 0}}},
    {0x02, "STATUS", 7, {{"lockState", ENUM, 0, TABLE(LOCK_STATES)}, {"sessionId", U32, 0, NULL, 0},
                         {"remainingPresses", U16, 0, NULL, 0}, {"secondsLeft", U16, 0, NULL, 0}, {"doorOpen", BOOL, 0, NULL, 0},
                         {"tamperLatched", BOOL, 0, NULL, 0}, {"pressCounter", U32, 0, NULL, 0}}},
    {0x10, "UNLOCK", 6, {{"sessionId", U32, 0, NULL, 0}, {"slot", U8, 0, NULL, 0}, {"presses", U16, 0, NULL, 0},
                         {"timeLimitSeconds", U16, 0, NULL, 0}, {"unlockCounter", U32, 0, NULL, 0}, {"mac", MAC, 16, NULL, 0}}},
    {0x11, "LOCK", 1, {{"sessionId", U32, 0, NULL, 0}}},
    {0x20, "AUTH", 2, {{"method", ENUM, 0, TABLE(METHODS)}, {"credential", STR, 64, NULL, 0}}},
    {0x21, "PRESS", 3, {{"sessionId", U32, 0, NULL, 0}, {"pressCounter", U32, 0, NULL, 0}, {"remainingPresses", U16, 0, NULL, 0}}},
    {0x22, "SESSION_END", 3, {{"sessionId", U32, 0, NULL, 0}, {"reason", ENUM, 0, TABLE(REASONS)}, {"pressesUsed", U16, 0, NULL, 0}}},
    {0x23, "DOOR", 1, {{"open", BOOL, 0, NULL, 0}}},
    {0x24, "SLOT", 2, {{"slot", U8, 0, NULL, 0}, {"present", BOOL, 0, NULL, 0}}},
    {0x25, "TAMPER", 1, {{"kind", ENUM, 0, TABLE(KINDS)}}},
    {0x30, "ACK", 0, {{NULL, U8, 0, NULL, 0}}},
    {0x31, "NACK", 1, {{"code", ENUM, 0, TABLE(CODES)}}},
    {0x32, "HEARTBEAT", 0, {{NULL, U8, 0, NULL, 0}}},
};
#define NMSGS ((int) (sizeof MSGS / sizeof MSGS[0]))

static const struct msg *msg_by_code(int code) {
    for (int i = 0; i < NMSGS; i++) if (MSGS[i].code == code) return &MSGS[i];
    return NULL;
}

static const struct msg *msg_by_name(const char *name) {
    for (int i = 0; i < NMSGS; i++) if (strcmp(MSGS[i].name, name) == 0) return &MSGS[i];
    return NULL;
}

/* A field value: number (u8/u16/u32/bool/enum code) or bytes (str, mac, versions). */
struct value { uint32_t n; uint8_t b[64]; int len; };

struct frame { int version, type, flags, seq, ack; const struct msg *msg; struct value v[8]; };

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
static int utf8_ok(const uint8_t *s, int n) {
    int i = 0;
    while (i < n) {
        uint8_t c = s[i];
        int more; uint32_t cp, min;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { more = 1; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { more = 2; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { more = 3; cp = c & 0x07; min = 0x10000; }
        else return 0;
        if (i + more > n - 1) return 0;
        for (int k = 1; k <= more; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += more + 1;
    }
    return 1;
}

/* ---- section 3: receiver checks, in the order PROTOCOL.md gives ---- */

static const char *const DISCARDS[] = {"OK", "OVERSIZE", "BAD_COBS", "TOO_SHORT", "BAD_CRC", "UNSUPPORTED_VERSION",
                                       "BAD_LENGTH", "UNKNOWN_TYPE", "BAD_PAYLOAD"};
enum { OK, OVERSIZE, BAD_COBS, TOO_SHORT, BAD_CRC, UNSUPPORTED_VERSION, BAD_LENGTH, UNKNOWN_TYPE, BAD_PAYLOAD };

static int decode_payload(const struct msg *m, const uint8_t *p, int n, struct frame *f) {
    int at = 0;
    for (int i = 0; i < m->nfields; i++) {
        const struct field *fd = &m->f[i];
        struct value *v = &f->v[i];
        memset(v, 0, sizeof *v);
        int need = fd->kind == U16 ? 2 : fd->kind == U32 ? 4 : fd->kind == MAC ? 16 : 1;
        if (n - at < need) return BAD_PAYLOAD;
        if (fd->kind == U16) { v->n = (uint32_t) p[at] | (uint32_t) p[at + 1] << 8; at += 2; continue; }
        if (fd->kind == U32) {
            v->n = (uint32_t) p[at] | (uint32_t) p[at + 1] << 8 | (uint32_t) p[at + 2] << 16 | (uint32_t) p[at + 3] << 24;
            at += 4;
            continue;
        }
        if (fd->kind == MAC) { memcpy(v->b, p + at, 16); v->len = 16; at += 16; continue; }
        v->n = p[at++];
        if (fd->kind == BOOL && v->n > 1) return BAD_PAYLOAD;
        if (fd->kind == ENUM && ((int) v->n >= fd->count || fd->names[v->n] == NULL)) return BAD_PAYLOAD;
        if (fd->kind == STR || fd->kind == VERSIONS) {
            int len = (int) v->n;
            if (len > fd->max || n - at < len) return BAD_PAYLOAD;
            if (fd->kind == VERSIONS && len < 1) return BAD_PAYLOAD;
            memcpy(v->b, p + at, (size_t) len);
            v->len = len;
            at += len;
            if (fd->kind == STR && !utf8_ok(v->b, len)) return BAD_PAYLOAD;
        }
    }
    return OK; /* extra bytes after the last field are ignored (section 3) */
}

static int decode_run(const uint8_t *run, int n, struct frame *f) {
    uint8_t raw[256];
    if (n > 253) return OVERSIZE;
    int len = cobs_decode(run, n, raw);
    if (len < 0) return BAD_COBS;
    if (len < 12) return TOO_SHORT;
    uint32_t sent = (uint32_t) raw[len - 4] | (uint32_t) raw[len - 3] << 8 | (uint32_t) raw[len - 2] << 16
                    | (uint32_t) raw[len - 1] << 24;
    if (crc32c(raw, (size_t) len - 4) != sent) return BAD_CRC;
    f->version = raw[0];
    f->type = raw[1];
    f->flags = raw[2];
    f->seq = raw[3] | raw[4] << 8;
    f->ack = raw[5] | raw[6] << 8;
    if (f->version != 1) return UNSUPPORTED_VERSION;
    if (raw[7] != len - 12) return BAD_LENGTH;
    f->msg = msg_by_code(f->type);
    if (f->msg == NULL) return UNKNOWN_TYPE;
    return decode_payload(f->msg, raw + 8, len - 12, f);
}

/* A receiver over a byte stream (section 2): runs end at 0x00, empty runs are idle fill. */
struct receiver { uint8_t buf[254]; int n; long over; int frames, discards, last; struct frame frame; };

static void receive(struct receiver *r, const uint8_t *bytes, int count) {
    for (int i = 0; i < count; i++) {
        if (bytes[i] != 0) {
            if (r->n < 253 && r->over == 0) r->buf[r->n++] = bytes[i];
            else { r->over = r->over ? r->over + 1 : r->n + 1; r->n = 0; }
            continue;
        }
        int reason = r->over ? OVERSIZE : r->n == 0 ? -1 : decode_run(r->buf, r->n, &r->frame);
        r->n = 0;
        r->over = 0;
        if (reason < 0) continue;
        if (reason == OK) r->frames++; else r->discards++;
        r->last = reason;
    }
}

/* ---- encoding (sections 2 to 4) ---- */

static int encode_frame(const struct frame *f, uint8_t *wire) {
    uint8_t raw[260];
    int at = 8;
    for (int i = 0; i < f->msg->nfields; i++) {
        const struct value *v = &f->v[i];
        switch (f->msg->f[i].kind) {
            case U32: raw[at++] = (uint8_t) v->n; raw[at++] = (uint8_t) (v->n >> 8);
                      raw[at++] = (uint8_t) (v->n >> 16); raw[at++] = (uint8_t) (v->n >> 24); break;
            case U16: raw[at++] = (uint8_t) v->n; raw[at++] = (uint8_t) (v->n >> 8); break;
            case MAC: memcpy(raw + at, v->b, 16); at += 16; break;
            case STR: case VERSIONS: raw[at++] = (uint8_t) v->len; memcpy(raw + at, v->b, (size_t) v->len); at += v->len; break;
            default: raw[at++] = (uint8_t) v->n; break;
        }
    }
    raw[0] = (uint8_t) f->version;
    raw[1] = (uint8_t) f->msg->code;
    raw[2] = (uint8_t) f->flags;
    raw[3] = (uint8_t) f->seq;
    raw[4] = (uint8_t) (f->seq >> 8);
    raw[5] = (uint8_t) f->ack;
    raw[6] = (uint8_t) (f->ack >> 8);
    raw[7] = (uint8_t) (at - 8);
    uint32_t crc = crc32c(raw, (size_t) at);
    for (int k = 0; k < 4; k++) raw[at++] = (uint8_t) (crc >> (8 * k));
    int n = cobs_encode(raw, at, wire);
    wire[n++] = 0;
    return n;
}

/* ---- the vector lines ---- */

#define MAX_KV 24
struct line { char *kind, *name, *hex, *reason; int nkv; char *key[MAX_KV], *val[MAX_KV]; };

static int failures;

static void fail(const char *name, const char *what, const char *detail) {
    printf("FAIL %s: %s%s%s\n", name, what, detail ? " " : "", detail ? detail : "");
    failures++;
}

static int unhex(const char *s, uint8_t *out, int max) {
    int n = (int) strlen(s);
    if (n % 2 || n / 2 > max) return -1;
    for (int i = 0; i < n / 2; i++) {
        unsigned int b;
        if (sscanf(s + 2 * i, "%2x", &b) != 1) return -1;
        out[i] = (uint8_t) b;
    }
    return n / 2;
}

static const char *lookup(const struct line *l, const char *key) {
    for (int i = 0; i < l->nkv; i++) if (strcmp(l->key[i], key) == 0) return l->val[i];
    return NULL;
}

/* A JSON string arrives as x<hex of its UTF-8>; returns its length or -1. */
static int text(const char *val, uint8_t *out, int max) {
    if (val == NULL || val[0] != 'x') return -1;
    return unhex(val + 1, out, max);
}

static int number(const char *val, uint32_t max, uint32_t *out) {
    char *end;
    if (val == NULL || *val < '0' || *val > '9') return 0;
    unsigned long n = strtoul(val, &end, 10);
    if (*end != 0 || n > max) return 0;
    *out = (uint32_t) n;
    return 1;
}

/* Parses the stated value of field fd into v; 0 when the line does not state it properly. */
static int stated(const struct line *l, const struct field *fd, struct value *v) {
    const char *val = lookup(l, fd->name);
    uint8_t tmp[130];
    memset(v, 0, sizeof *v);
    switch (fd->kind) {
        case U8: return number(val, 0xFF, &v->n);
        case U16: return number(val, 0xFFFF, &v->n);
        case U32: return number(val, 0xFFFFFFFFu, &v->n);
        case BOOL:
            if (val && strcmp(val, "true") == 0) { v->n = 1; return 1; }
            return val && strcmp(val, "false") == 0;
        case STR: v->len = text(val, v->b, fd->max); v->n = (uint32_t) v->len; return v->len >= 0;
        case MAC: {
            int n = text(val, tmp, 32);
            if (n != 32) return 0;
            tmp[32] = 0;
            return unhex((char *) tmp, v->b, 16) == 16 && (v->len = 16);
        }
        case ENUM: {
            int n = text(val, tmp, 40);
            if (n < 0) return 0;
            tmp[n] = 0;
            for (int c = 0; c < fd->count; c++) {
                if (fd->names[c] && strcmp(fd->names[c], (char *) tmp) == 0) { v->n = (uint32_t) c; return 1; }
            }
            return 0;
        }
        case VERSIONS: {
            uint32_t count;
            if (!number(lookup(l, "versionCount"), 16, &count) || val == NULL) return 0;
            for (const char *p = val; *p; ) {
                char *end;
                unsigned long x = strtoul(p, &end, 10);
                if (end == p || x > 255 || v->len == 16) return 0;
                v->b[v->len++] = (uint8_t) x;
                p = *end == ',' ? end + 1 : end;
                if (*end != ',' && *end != 0) return 0;
            }
            v->n = count;
            return v->len == (int) count;
        }
    }
    return 0;
}

static void check_valid(const struct line *l, const uint8_t *wire, int n) {
    struct receiver r;
    memset(&r, 0, sizeof r);
    receive(&r, wire, n);
    if (r.frames != 1 || r.discards != 0) {
        fail(l->name, "did not decode to one frame; discard reason", r.discards ? DISCARDS[r.last] : "none");
        return;
    }
    /* the stated meaning */
    struct frame want;
    uint8_t name[32];
    uint32_t num;
    memset(&want, 0, sizeof want);
    int nl = text(lookup(l, "type"), name, 31);
    if (nl < 0) { fail(l->name, "no type", NULL); return; }
    name[nl] = 0;
    want.msg = msg_by_name((char *) name);
    nl = text(lookup(l, "typeCode"), name, 31);
    if (want.msg == NULL || nl < 0) { fail(l->name, "unknown type", (char *) name); return; }
    name[nl] = 0;
    if (strtol((char *) name, NULL, 16) != want.msg->code) { fail(l->name, "typeCode is not the type's code", (char *) name); return; }
    if (!number(lookup(l, "version"), 255, &num)) { fail(l->name, "bad version", NULL); return; }
    want.version = (int) num;
    if (!number(lookup(l, "flags"), 255, &num)) { fail(l->name, "bad flags", NULL); return; }
    want.flags = (int) num;
    if (!number(lookup(l, "seq"), 0xFFFF, &num)) { fail(l->name, "bad seq", NULL); return; }
    want.seq = (int) num;
    if (!number(lookup(l, "ack"), 0xFFFF, &num)) { fail(l->name, "bad ack", NULL); return; }
    want.ack = (int) num;
    int expected_keys = 6 + want.msg->nfields;
    for (int i = 0; i < want.msg->nfields; i++) {
        if (want.msg->f[i].kind == VERSIONS) expected_keys++;
        if (!stated(l, &want.msg->f[i], &want.v[i])) { fail(l->name, "field missing or malformed:", want.msg->f[i].name); return; }
    }
    if (l->nkv != expected_keys) { fail(l->name, "stated fields are not exactly the layout's", NULL); return; }
    /* decode direction: every field equal */
    const struct frame *got = &r.frame;
    if (got->msg != want.msg || got->version != want.version || got->flags != want.flags || got->seq != want.seq
        || got->ack != want.ack) {
        fail(l->name, "header differs from the stated one", NULL);
        return;
    }
    for (int i = 0; i < want.msg->nfields; i++) {
        const struct value *a = &got->v[i], *b = &want.v[i];
        if (a->n != b->n || a->len != b->len || memcmp(a->b, b->b, (size_t) a->len) != 0) {
            fail(l->name, "decoded field differs:", want.msg->f[i].name);
            return;
        }
    }
    /* encode direction: the stated meaning gives exactly the wire bytes */
    uint8_t out[300];
    int len = encode_frame(&want, out);
    if (len != n || memcmp(out, wire, (size_t) n) != 0) { fail(l->name, "encoding the stated meaning gives other bytes", NULL); return; }
}

static void check_invalid(const struct line *l, const uint8_t *wire, int n) {
    struct receiver r;
    memset(&r, 0, sizeof r);
    receive(&r, wire, n);
    if (r.frames != 0 || r.discards != 1) { fail(l->name, "expected exactly one discarded run and no frame", NULL); return; }
    if (strcmp(DISCARDS[r.last], l->reason) != 0) {
        char detail[80];
        snprintf(detail, sizeof detail, "expected %s, got %s", l->reason, DISCARDS[r.last]);
        fail(l->name, "wrong discard reason:", detail);
    }
}

static int split(char *s, struct line *l) {
    char *tok[3 + MAX_KV];
    int n = 0;
    for (char *t = strtok(s, " \t\r\n"); t && n < 3 + MAX_KV; t = strtok(NULL, " \t\r\n")) tok[n++] = t;
    if (n < 3) return 0;
    memset(l, 0, sizeof *l);
    l->kind = tok[0];
    l->name = tok[1];
    l->hex = tok[2];
    if (strcmp(l->kind, "I") == 0) { l->reason = n == 4 ? tok[3] : ""; return n == 4; }
    for (int i = 3; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        if (eq == NULL) return 0;
        *eq = 0;
        l->key[l->nkv] = tok[i];
        l->val[l->nkv++] = eq + 1;
    }
    return strcmp(l->kind, "V") == 0;
}

int main(void) {
    static char buf[8192];
    int total = 0;
    while (fgets(buf, sizeof buf, stdin)) {
        struct line l;
        uint8_t wire[1024];
        if (buf[0] == '\n' || buf[0] == '#') continue;
        total++;
        if (strlen(buf) == sizeof buf - 1) { fail("?", "line too long", NULL); continue; }
        if (!split(buf, &l)) { fail("?", "malformed line", NULL); continue; }
        int n = unhex(l.hex, wire, (int) sizeof wire);
        if (n < 1) { fail(l.name, "bad hex", NULL); continue; }
        if (l.kind[0] == 'V') check_valid(&l, wire, n); else check_invalid(&l, wire, n);
    }
    printf("%d passed, %d failed\n", total - failures, failures);
    return failures > 0 || total == 0;
}
