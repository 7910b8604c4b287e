/* Thread-safety load test of the C ABI: N threads (default 8), each running
 * M mixed calls (default 1,000,000) against the embedded corpus and a corpus
 * each thread opened itself from the same bytes, every result compared with
 * the answer computed single-threaded beforehand.
 *
 * Why: the library promises no mutable global state, so any number of
 * threads may share a corpus. A data race would show as a result that
 * differs from the single-threaded one (or as a TSan/ASan report when built
 * with sanitizers). A "result" is a digest of everything a call returns:
 * status, counts, indexes, hit ranges and the bytes of every string.
 *
 * The cases: every record's key (find_key must give back the record: an
 * absolute check), every record's one-line rendering, every quote, every
 * entity's name lookup, every quote's reply thread, timelines, searches and
 * cursors with and without filters (including refused queries), and
 * transliterations.
 *
 * Usage: load [threads] [calls-per-thread]. Exit status 0 only with zero
 * mismatches and zero unexpected errors. Build: see ci/hardening.sh. */
#include "feudfacts.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum op {
    OP_FIND_KEY,
    OP_FORMAT_LINE,
    OP_GET_QUOTE,
    OP_ENTITY_BY_NAME,
    OP_THREAD,
    OP_TIMELINE,
    OP_SEARCH,
    OP_CURSOR,
    OP_TRANSLIT,
};

typedef struct {
    enum op op;
    feud_kind kind;
    uint32_t index;
    char text[300];
    feud_filter filter;
    int use_filter;
    uint64_t expected;
} test_case;

static test_case *cases;
static size_t n_cases, cap_cases;
static feud_corpus opened_template; /* unused: each thread opens its own */
static const uint8_t *blob;
static size_t blob_len;

static uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h * 0x100000001b3ULL;
}

static uint64_t mix_bytes(uint64_t h, const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) h = mix(h, (uint8_t)p[i]);
    return mix(h, n);
}

static uint64_t mix_str(uint64_t h, feud_str s) {
    return mix_bytes(h, s.ptr ? s.ptr : "", s.len);
}

static uint64_t mix_hit(uint64_t h, const feud_hit *x) {
    h = mix(h, x->record.kind);
    h = mix(h, x->record.index);
    h = mix(h, x->field);
    h = mix(h, x->item);
    h = mix(h, x->start);
    h = mix(h, x->end);
    h = mix(h, x->matched_fields);
    h = mix(h, x->primary);
    return mix(h, x->precision);
}

/* Digests a call's status into *h first, as every case does; whether the
 * call succeeded, so that what it returned is digested next. */
static int mixed_ok(uint64_t *h, feud_status s) {
    *h = mix(*h, s);
    return s == FEUD_OK;
}

/* Runs one case and digests everything it returns. */
static uint64_t run_case(const feud_corpus *c, const test_case *k) {
    uint64_t h = 1469598103934665603ULL;
    h = mix(h, k->op);
    switch (k->op) {
    case OP_FIND_KEY: {
        feud_ref r;
        if (mixed_ok(&h, feud_find_key(c, k->text, &r))) {
            h = mix(h, r.kind);
            h = mix(h, r.index);
        }
        break;
    }
    case OP_FORMAT_LINE: {
        char buf[96];
        size_t needed = 0;
        feud_status s = feud_format_line(c, k->kind, k->index, buf, sizeof buf, &needed);
        h = mix(h, s);
        h = mix(h, needed);
        h = mix_bytes(h, buf, strlen(buf));
        break;
    }
    case OP_GET_QUOTE: {
        feud_quote q;
        if (mixed_ok(&h, feud_get_quote(c, k->index, &q))) {
            h = mix_str(h, q.key);
            h = mix_str(h, q.text);
            h = mix_str(h, q.speaker_name);
            h = mix(h, q.speaker);
            h = mix(h, (uint64_t)(int64_t)q.reply_to);
            h = mix(h, q.dating.date.year * 10000u + q.dating.date.month * 100u + q.dating.date.day);
        }
        break;
    }
    case OP_ENTITY_BY_NAME: {
        uint32_t e = 0;
        feud_status s = feud_entity_by_name(c, k->text, &e);
        h = mix(h, s);
        h = mix(h, e);
        break;
    }
    case OP_THREAD: {
        for (size_t i = 0; i < 64; i++) {
            feud_thread_entry t;
            if (!mixed_ok(&h, feud_thread(c, k->index, i, &t))) break;
            h = mix(h, t.quote);
            h = mix(h, t.depth);
        }
        break;
    }
    case OP_TIMELINE: {
        for (size_t i = 0; i < 8; i++) {
            feud_entry e;
            const feud_date *from = k->use_filter ? &k->filter.from : NULL;
            const feud_date *to = k->use_filter ? &k->filter.to : NULL;
            if (!mixed_ok(&h, feud_timeline(c, from, to, k->index + i, &e))) break;
            h = mix(h, e.record.kind);
            h = mix(h, e.record.index);
            h = mix(h, e.date.year * 10000u + e.date.month * 100u + e.date.day);
        }
        break;
    }
    case OP_SEARCH: {
        feud_hit hits[5];
        feud_summary sum = {0, 0, 0, 0};
        feud_status s = feud_search(c, k->text, k->use_filter ? &k->filter : NULL, hits, 5, &sum);
        h = mix(h, s);
        h = mix(h, sum.total);
        h = mix(h, sum.returned);
        for (size_t i = 0; s == FEUD_OK && i < sum.returned; i++) {
            feud_str t;
            h = mix_hit(h, &hits[i]);
            h = mix(h, feud_hit_text(c, &hits[i], &t));
            h = mix_str(h, t);
        }
        break;
    }
    case OP_CURSOR: {
        feud_cursor cur;
        feud_status s = feud_cursor_open(c, k->text, k->use_filter ? &k->filter : NULL, &cur);
        h = mix(h, s);
        for (size_t i = 0; s == FEUD_OK && i < 400; i++) {
            feud_hit x;
            if (!mixed_ok(&h, feud_cursor_next(&cur, &x))) break;
            h = mix_hit(h, &x);
        }
        break;
    }
    case OP_TRANSLIT: {
        char buf[400];
        size_t needed = 0;
        feud_status s = feud_translit(k->text, strlen(k->text), FEUD_CHARSET_ASCII, buf, sizeof buf, &needed);
        h = mix(h, s);
        h = mix(h, needed);
        h = mix_bytes(h, buf, strlen(buf));
        break;
    }
    }
    return h;
}

static test_case *add(enum op op) {
    if (n_cases == cap_cases) {
        cap_cases = cap_cases ? cap_cases * 2 : 256;
        cases = realloc(cases, cap_cases * sizeof *cases);
        if (!cases) abort();
    }
    test_case *k = &cases[n_cases++];
    memset(k, 0, sizeof *k);
    k->op = op;
    return k;
}

static void copy_text(test_case *k, const char *s, size_t n) {
    if (n >= sizeof k->text) n = sizeof k->text - 1;
    memcpy(k->text, s, n);
    k->text[n] = 0;
}

static int failures;
#define CHECK(cond, ...)                                  \
    do {                                                  \
        if (!(cond)) {                                    \
            fprintf(stderr, "setup check failed: " __VA_ARGS__); \
            fputc('\n', stderr);                          \
            failures++;                                   \
        }                                                 \
    } while (0)

static void build_cases(const feud_corpus *c) {
    size_t counts[6];
    for (feud_kind kind = 0; kind < 6; kind++) {
        CHECK(feud_count(c, kind, &counts[kind]) == FEUD_OK, "count %d", kind);
        for (size_t i = 0; i < counts[kind]; i++) {
            feud_str key;
            CHECK(feud_key(c, kind, (uint32_t)i, &key) == FEUD_OK, "key %d %zu", kind, i);
            /* Absolute check: the key finds its own record. */
            feud_ref r;
            CHECK(feud_find_key(c, key.ptr, &r) == FEUD_OK && r.kind == kind && r.index == i,
                  "find_key(%s)", key.ptr);
            test_case *k = add(OP_FIND_KEY);
            copy_text(k, key.ptr, key.len);
            k = add(OP_FORMAT_LINE);
            k->kind = kind;
            k->index = (uint32_t)i;
        }
    }
    for (size_t i = 0; i < counts[FEUD_KIND_QUOTE]; i++) {
        add(OP_GET_QUOTE)->index = (uint32_t)i;
        add(OP_THREAD)->index = (uint32_t)i;
    }
    add(OP_GET_QUOTE)->index = FEUD_MAX_RECORDS; /* not found */
    add(OP_GET_QUOTE)->index = 65536u + 3u; /* not found: no wrap to quote 3 */
    for (size_t i = 0; i < counts[FEUD_KIND_ENTITY]; i++) {
        feud_entity e;
        CHECK(feud_get_entity(c, (uint32_t)i, &e) == FEUD_OK, "entity %zu", i);
        copy_text(add(OP_ENTITY_BY_NAME), e.name.ptr, e.name.len);
    }
    const char *names[] = {"@sama", "@elonmusk", "altman", "nobody at all", ""};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        copy_text(add(OP_ENTITY_BY_NAME), names[i], strlen(names[i]));

    uint32_t sama = 0, musk = 0;
    CHECK(feud_entity_by_name(c, "@sama", &sama) == FEUD_OK, "@sama");
    CHECK(feud_entity_by_name(c, "@elonmusk", &musk) == FEUD_OK, "@elonmusk");

    const char *queries[] = {
        "softbank secured", "\"surely know\"", "stargate", "altman", "musk", "stop*",
        "\"put america first\"", "$500", "openai", "trump", "wrong", "billion",
        "🇺🇸", "x y z nothing matches this", "a b c d e f g h i", "", "   ",
        "\xff\xfe invalid utf8",
    };
    char long_query[300];
    memset(long_query, 'q', sizeof long_query - 1);
    long_query[sizeof long_query - 1] = 0;
    for (size_t i = 0; i < sizeof queries / sizeof *queries + 1; i++) {
        const char *q = i < sizeof queries / sizeof *queries ? queries[i] : long_query;
        for (int f = 0; f < 3; f++) {
            test_case *k = add(OP_SEARCH);
            copy_text(k, q, strlen(q));
            k->use_filter = f > 0;
            k->filter.kinds = f == 1 ? (1u << FEUD_KIND_QUOTE) : 0;
            k->filter.has_entity = f == 2;
            k->filter.entity = f == 2 ? (i % 2 ? sama : musk) : 0;
            if (f == 2) {
                k->filter.from = (feud_date){2025, 1, 0};
                k->filter.to = (feud_date){2025, 12, 31};
            }
        }
        if (i % 3 == 0) {
            test_case *k = add(OP_CURSOR);
            copy_text(k, q, strlen(q));
            k->use_filter = i % 2;
            k->filter.kinds = 1u << FEUD_KIND_EVENT | 1u << FEUD_KIND_QUOTE;
        }
    }
    /* Absolute check: "surely know" finds Altman's reply. */
    {
        feud_hit hits[5];
        feud_summary sum;
        feud_filter only_quotes = {0};
        only_quotes.kinds = 1u << FEUD_KIND_QUOTE;
        CHECK(feud_search(c, "\"surely know\"", &only_quotes, hits, 5, &sum) == FEUD_OK &&
                  sum.returned >= 1,
              "surely know");
        feud_quote q;
        CHECK(sum.returned >= 1 && feud_get_quote(c, hits[0].record.index, &q) == FEUD_OK &&
                  q.speaker == sama,
              "surely know is Altman's");
    }
    for (size_t i = 0; i < 40; i += 4) {
        test_case *k = add(OP_TIMELINE);
        k->index = (uint32_t)i;
        k->use_filter = i % 8 == 0;
        k->filter.from = (feud_date){2025, 1, 20};
        k->filter.to = (feud_date){2025, 1, 31};
    }
    const char *texts[] = {"Wrong, as you surely know \xe2\x80\xa6 \xf0\x9f\x87\xba\xf0\x9f\x87\xb8",
                           "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9", "plain ascii"};
    for (size_t i = 0; i < 3; i++) copy_text(add(OP_TRANSLIT), texts[i], strlen(texts[i]));
}

typedef struct {
    int id;
    long calls;
    long mismatches;
    long opened_ok;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    /* Every thread also opens its own handle on the same bytes: feud_open
     * runs concurrently, and half the calls go through that handle. */
    feud_corpus own;
    if (feud_open(blob, blob_len, &own) == FEUD_OK) w->opened_ok = 1;
    uint64_t x = 0x2545f4914f6cdd1dULL ^ (uint64_t)(w->id + 1) * 0x9e3779b97f4a7c15ULL;
    for (long i = 0; i < w->calls; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const test_case *k = &cases[x % n_cases];
        const feud_corpus *c = (x >> 40) & 1 ? &own : feud_embedded();
        if (run_case(c, k) != k->expected) {
            if (w->mismatches < 5)
                fprintf(stderr, "thread %d: mismatch on case %ld (op %d, \"%s\")\n", w->id,
                        (long)(k - cases), k->op, k->text);
            w->mismatches++;
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 8;
    long calls = argc > 2 ? atol(argv[2]) : 1000000;
    if (threads < 1 || threads > 256 || calls < 1) {
        fprintf(stderr, "usage: load [threads 1-256] [calls per thread]\n");
        return 2;
    }
    const feud_corpus *c = feud_embedded();
    if (feud_blob(c, &blob, &blob_len) != FEUD_OK) return 1;
    build_cases(c);
    /* The expected answers, single-threaded; run twice to be sure they are
     * deterministic at all. */
    for (size_t i = 0; i < n_cases; i++) {
        cases[i].expected = run_case(c, &cases[i]);
        CHECK(run_case(c, &cases[i]) == cases[i].expected, "case %zu is not deterministic", i);
    }
    (void)opened_template;
    if (failures) return 1;

    pthread_t tid[256];
    worker w[256];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < threads; i++) {
        w[i] = (worker){i, calls, 0, 0};
        if (pthread_create(&tid[i], NULL, work, &w[i]) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    long mismatches = 0, opened = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(tid[i], NULL);
        mismatches += w[i].mismatches;
        opened += w[i].opened_ok;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    long total = (long)threads * calls;
    printf("C ABI load: %d threads x %ld calls = %ld calls over %zu cases, %.1f s, "
           "%.0f calls/s; %ld/%d threads opened their own handle; %ld mismatches\n",
           threads, calls, total, n_cases, secs, total / secs, opened, threads, mismatches);
    return mismatches == 0 && opened == threads ? 0 : 1;
}
