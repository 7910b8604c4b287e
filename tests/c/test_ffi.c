/*
 * The C ABI test program: calls every function of feudfacts.h, provokes every
 * status code, passes NULL for every pointer, and checks that the library
 * keeps working after each refusal. Facts are looked up by content (names,
 * search), never by hard-coded index, so this holds for any corpus that has
 * the January 22 exchange. Exit status 0 and "all checks passed" on success.
 *
 * Built by tests/c_abi.rs with -std=c99 -Wall -Wextra -Wpedantic -Werror and
 * run by ci/ffi.sh under AddressSanitizer, UBSan and valgrind.
 */
#include "feudfacts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks = 0;
static int failures = 0;

#define CHECK(cond)                                                          \
    do {                                                                     \
        checks++;                                                            \
        if (!(cond)) {                                                       \
            failures++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

#define EXPECT(call, status)                                                  \
    do {                                                                      \
        enum feud_status got_ = (call);                                       \
        checks++;                                                             \
        if (got_ != (status)) {                                               \
            failures++;                                                       \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %s\n",      \
                    __FILE__, __LINE__, #call, (int)got_,                     \
                    feud_status_str((int)got_), #status);                     \
        }                                                                     \
    } while (0)

/* A feud_str is well formed: non-NULL, NUL-terminated at len, UTF-8 is the
 * corpus's business. */
static int str_ok(feud_str s) {
    return s.ptr != NULL && strlen(s.ptr) == s.len;
}

static int str_eq(feud_str s, const char *want) {
    return str_ok(s) && strcmp(s.ptr, want) == 0;
}

static int contains(const char *hay, const char *needle) {
    return hay != NULL && strstr(hay, needle) != NULL;
}

static long day_number(feud_date d) {
    /* A sortable number for the first day a date can mean. */
    return (long)d.year * 10000L + (d.month ? d.month : 1) * 100L + (d.day ? d.day : 1);
}

static uint32_t fnv1a(uint32_t h, const uint8_t *p, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x01000193u;
    }
    return h;
}

/* Rewrites a blob's checksum so that only deeper validation can reject it. */
static void fix_checksum(uint8_t *b, size_t total) {
    uint32_t h = fnv1a(0x811c9dc5u, b, 16);
    h = fnv1a(h, b + 20, total - 20);
    b[16] = (uint8_t)h;
    b[17] = (uint8_t)(h >> 8);
    b[18] = (uint8_t)(h >> 16);
    b[19] = (uint8_t)(h >> 24);
}

static const feud_corpus *C;
static uint32_t musk, altman, softbank_quote, reply_quote;

static void test_version_and_status(void) {
    int i, j;
    CHECK(strcmp(feud_version(), FEUD_VERSION_STRING) == 0);
    CHECK(FEUD_VERSION_MAJOR == 0 && FEUD_VERSION_MINOR >= 2);
    for (i = 0; i <= 13; i++) {
        const char *s = feud_status_str(i);
        CHECK(s != NULL && s[0] != '\0' && strcmp(s, "unknown status") != 0);
        for (j = 0; j < i; j++) CHECK(strcmp(s, feud_status_str(j)) != 0);
    }
    CHECK(strcmp(feud_status_str(FEUD_OK), "ok") == 0);
    CHECK(strcmp(feud_status_str(14), "unknown status") == 0);
    CHECK(strcmp(feud_status_str(-1), "unknown status") == 0);
    CHECK(strcmp(feud_kind_name(FEUD_KIND_QUOTE), "quote") == 0);
    CHECK(strcmp(feud_kind_name(FEUD_KIND_DISCREPANCY), "discrepancy") == 0);
    CHECK(strcmp(feud_kind_name(6), "") == 0);
    CHECK(strcmp(feud_field_name(FEUD_FIELD_QUOTE_TEXT), "text") == 0);
    CHECK(strcmp(feud_field_name(FEUD_FIELD_ENTITY_ALIAS), "alias") == 0);
    CHECK(strcmp(feud_field_name(200), "") == 0);
}

static void test_counts(void) {
    feud_stats st;
    size_t n, sum = 0;
    int k;
    C = feud_embedded();
    CHECK(C != NULL);
    EXPECT(feud_get_stats(C, &st), FEUD_OK);
    for (k = 0; k < 6; k++) {
        EXPECT(feud_count(C, (feud_kind)k, &n), FEUD_OK);
        CHECK(n == st.counts[k]);
        sum += n;
    }
    CHECK(sum == st.total_records && sum > 0);
    CHECK(st.blob_bytes > 0 && st.search_text_bytes > 0 && st.fields > 0);
    EXPECT(feud_count(C, 6, &n), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_count(C, FEUD_KIND_NONE, &n), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_count(NULL, FEUD_KIND_QUOTE, &n), FEUD_ERR_NULL);
    EXPECT(feud_count(C, FEUD_KIND_QUOTE, NULL), FEUD_ERR_NULL);
    EXPECT(feud_get_stats(NULL, &st), FEUD_ERR_NULL);
    EXPECT(feud_get_stats(C, NULL), FEUD_ERR_NULL);
}

static void test_entities(void) {
    feud_entity e;
    feud_item item;
    uint32_t again;
    size_t n, i;
    int has_handle = 0;
    feud_str key;
    feud_ref r;

    EXPECT(feud_entity_by_name(C, "@sama", &altman), FEUD_OK);
    EXPECT(feud_entity_by_name(C, "SAM  ALTMAN", &again), FEUD_OK);
    CHECK(again == altman);
    EXPECT(feud_get_entity(C, altman, &e), FEUD_OK);
    CHECK(str_eq(e.name, "Sam Altman"));
    CHECK(str_eq(e.kind_name, "person") && e.kind == FEUD_ENTITY_PERSON);
    CHECK(str_ok(e.key) && str_ok(e.notes));
    EXPECT(feud_list_len(C, FEUD_KIND_ENTITY, altman, FEUD_LIST_ALIASES, &n), FEUD_OK);
    CHECK(n == e.alias_count && n > 0);
    for (i = 0; i < n; i++) {
        EXPECT(feud_list_item(C, FEUD_KIND_ENTITY, altman, FEUD_LIST_ALIASES, i, &item), FEUD_OK);
        CHECK(item.kind == FEUD_KIND_NONE && str_ok(item.text));
        if (str_eq(item.text, "@sama")) has_handle = 1;
    }
    CHECK(has_handle);
    EXPECT(feud_list_item(C, FEUD_KIND_ENTITY, altman, FEUD_LIST_ALIASES, n, &item),
           FEUD_ERR_NOT_FOUND);

    EXPECT(feud_entity_by_name(C, "@elonmusk", &musk), FEUD_OK);
    EXPECT(feud_get_entity(C, musk, &e), FEUD_OK);
    CHECK(str_eq(e.name, "Elon Musk"));

    /* Keys round-trip. */
    EXPECT(feud_key(C, FEUD_KIND_ENTITY, altman, &key), FEUD_OK);
    CHECK(str_ok(key) && key.len > 0);
    EXPECT(feud_find_key(C, key.ptr, &r), FEUD_OK);
    CHECK(r.kind == FEUD_KIND_ENTITY && r.index == altman);
    EXPECT(feud_find_key(C, "no-such-key", &r), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_find_key(C, "\xff", &r), FEUD_ERR_INVALID_UTF8);
    EXPECT(feud_find_key(NULL, "x", &r), FEUD_ERR_NULL);
    EXPECT(feud_find_key(C, NULL, &r), FEUD_ERR_NULL);
    EXPECT(feud_find_key(C, key.ptr, NULL), FEUD_ERR_NULL);
    EXPECT(feud_key(C, FEUD_KIND_ENTITY, FEUD_MAX_RECORDS, &key), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_key(C, 9, 0, &key), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_key(C, FEUD_KIND_ENTITY, 0, NULL), FEUD_ERR_NULL);

    /* Lookup errors. */
    EXPECT(feud_entity_by_name(C, "nobody of that name", &again), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_entity_by_name(C, "", &again), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_entity_by_name(C, "Alt\xc3man", &again), FEUD_ERR_INVALID_UTF8);
    EXPECT(feud_entity_by_name(NULL, "@sama", &again), FEUD_ERR_NULL);
    EXPECT(feud_entity_by_name(C, NULL, &again), FEUD_ERR_NULL);
    EXPECT(feud_entity_by_name(C, "@sama", NULL), FEUD_ERR_NULL);
    EXPECT(feud_get_entity(C, FEUD_MAX_RECORDS, &e), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_get_entity(NULL, 0, &e), FEUD_ERR_NULL);
    EXPECT(feud_get_entity(C, 0, NULL), FEUD_ERR_NULL);
    /* Still usable after all that. */
    EXPECT(feud_entity_by_name(C, "altman", &again), FEUD_OK);
    CHECK(again == altman);
}

static void test_search(void) {
    feud_hit hits[8];
    feud_summary sum, sum1, sum0;
    feud_quote q;
    feud_str text;
    feud_filter f;
    size_t i, at = 0;
    char query[400];
    feud_ref first;

    EXPECT(feud_search(C, "softbank secured", NULL, hits, 8, &sum), FEUD_OK);
    CHECK(sum.total >= 1 && sum.returned >= 1 && sum.returned <= 8);
    first = hits[0].record;
    /* Musk's post is among the hits (an event about it may rank first). */
    softbank_quote = UINT32_MAX;
    for (i = 0; i < sum.returned; i++) {
        if (hits[i].record.kind != FEUD_KIND_QUOTE) continue;
        EXPECT(feud_get_quote(C, hits[i].record.index, &q), FEUD_OK);
        if (contains(q.text.ptr, "SoftBank has well under $10B secured")) {
            softbank_quote = hits[i].record.index;
            at = i;
        }
    }
    CHECK(softbank_quote != UINT32_MAX);
    EXPECT(feud_get_quote(C, softbank_quote, &q), FEUD_OK);
    CHECK(str_eq(q.speaker_name, "Elon Musk") && q.speaker == musk);
    CHECK(contains(q.text.ptr, "SoftBank has well under $10B secured"));
    CHECK(q.dating.date.year == 2025 && q.dating.date.month == 1 && q.dating.date.day == 22);
    CHECK(q.dating.precision == FEUD_PRECISION_DAY);
    CHECK(q.medium == FEUD_MEDIUM_X_POST && str_eq(q.medium_name, "x-post"));
    CHECK(str_ok(q.key) && str_ok(q.context) && str_ok(q.dating.note));
    CHECK(hits[at].date.year == 2025 && hits[at].precision == FEUD_PRECISION_DAY);
    /* The byte range highlights a match inside the field's text. */
    EXPECT(feud_hit_text(C, &hits[at], &text), FEUD_OK);
    CHECK(str_ok(text) && hits[at].start < hits[at].end && hits[at].end <= text.len);
    CHECK(hits[at].end - hits[at].start == 8);
    CHECK(strncmp(text.ptr + hits[at].start, "SoftBank", 8) == 0 ||
          strncmp(text.ptr + hits[at].start, "secured", 7) == 0 ||
          strncmp(text.ptr + hits[at].start, "Elon", 4) == 0);
    for (i = 0; i < sum.returned; i++) {
        feud_str t;
        EXPECT(feud_hit_text(C, &hits[i], &t), FEUD_OK);
        CHECK(hits[i].end <= t.len && hits[i].matched_fields >= 1);
        CHECK(hits[i].record.kind <= FEUD_KIND_DISCREPANCY);
    }

    /* Too small an array still reports the total; NULL with 0 counts only. */
    EXPECT(feud_search(C, "softbank secured", NULL, hits, 1, &sum1), FEUD_OK);
    CHECK(sum1.total == sum.total && sum1.returned == 1);
    CHECK(hits[0].record.kind == first.kind && hits[0].record.index == first.index);
    EXPECT(feud_search(C, "softbank", NULL, NULL, 0, &sum0), FEUD_OK);
    CHECK(sum0.returned == 0 && sum0.total >= sum.total);
    EXPECT(feud_search(C, "softbank", NULL, hits, 2, &sum1), FEUD_OK);
    CHECK(sum1.total == sum0.total && sum1.returned == (sum0.total < 2 ? sum0.total : 2));

    /* The reply: Altman's "wrong, as you surely know", quotes only. */
    memset(&f, 0, sizeof f);
    f.kinds = 1u << FEUD_KIND_QUOTE;
    EXPECT(feud_search(C, "\"surely know\"", &f, hits, 8, &sum), FEUD_OK);
    CHECK(sum.returned >= 1);
    reply_quote = UINT32_MAX;
    for (i = 0; i < sum.returned; i++) {
        CHECK(hits[i].record.kind == FEUD_KIND_QUOTE);
        EXPECT(feud_get_quote(C, hits[i].record.index, &q), FEUD_OK);
        if (q.speaker == altman && q.reply_to == (int32_t)softbank_quote)
            reply_quote = hits[i].record.index;
    }
    CHECK(reply_quote != UINT32_MAX);

    /* Filters: entity, dates, kinds. */
    memset(&f, 0, sizeof f);
    f.has_entity = true;
    f.entity = musk;
    f.kinds = 1u << FEUD_KIND_QUOTE;
    EXPECT(feud_search(C, "softbank", &f, hits, 8, &sum), FEUD_OK);
    CHECK(sum.returned >= 1);
    for (i = 0; i < sum.returned; i++) {
        EXPECT(feud_get_quote(C, hits[i].record.index, &q), FEUD_OK);
        CHECK(q.speaker == musk);
    }
    memset(&f, 0, sizeof f);
    f.from.year = 2025; f.from.month = 1; f.from.day = 22;
    f.to = f.from;
    EXPECT(feud_search(C, "softbank", &f, hits, 8, &sum), FEUD_OK);
    CHECK(sum.returned >= 1);
    for (i = 0; i < sum.returned; i++) {
        CHECK(hits[i].date.year == 2025);
        CHECK(hits[i].date.month == 0 || hits[i].date.month == 1);
        CHECK(hits[i].date.day == 0 || hits[i].date.day == 22);
    }

    /* Query errors, each followed by a working search. */
    EXPECT(feud_search(C, NULL, NULL, hits, 8, &sum), FEUD_ERR_NULL);
    EXPECT(feud_search(NULL, "x", NULL, hits, 8, &sum), FEUD_ERR_NULL);
    EXPECT(feud_search(C, "softbank", NULL, NULL, 8, &sum), FEUD_ERR_NULL);
    EXPECT(feud_search(C, "softbank", NULL, hits, 8, NULL), FEUD_ERR_NULL);
    EXPECT(feud_search(C, "", NULL, hits, 8, &sum), FEUD_ERR_EMPTY_QUERY);
    EXPECT(feud_search(C, "  \t ", NULL, hits, 8, &sum), FEUD_ERR_EMPTY_QUERY);
    memset(query, 'a', sizeof query - 1);
    query[sizeof query - 1] = '\0';
    EXPECT(feud_search(C, query, NULL, hits, 8, &sum), FEUD_ERR_QUERY_TOO_LONG);
    query[FEUD_MAX_QUERY_LEN] = '\0';
    EXPECT(feud_search(C, query, NULL, hits, 8, &sum), FEUD_OK);
    EXPECT(feud_search(C, "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g",
                       NULL, hits, 8, &sum),
           FEUD_ERR_TOO_MANY_TERMS);
    EXPECT(feud_search(C, "a b c d e f g h i", NULL, hits, 8, &sum), FEUD_OK);
    memset(&f, 0, sizeof f);
    f.mode = FEUD_MODE_STRICT;
    EXPECT(feud_search(C, "a b c d e f g h i", &f, hits, 8, &sum), FEUD_ERR_TOO_MANY_TERMS);
    EXPECT(feud_search(C, "a b c d e f g h", &f, hits, 8, &sum), FEUD_OK);
    f.mode = 2;
    EXPECT(feud_search(C, "softbank", &f, hits, 8, &sum), FEUD_ERR_INVALID_ARGUMENT);

    /* Best match (the default) against strict: stems and synonyms, closest
     * matches, corrections and their suggestion. */
    memset(&f, 0, sizeof f);
    f.mode = FEUD_MODE_STRICT;
    EXPECT(feud_search(C, "lawsuits", &f, hits, 8, &sum), FEUD_OK);
    CHECK(sum.total == 0 && sum.returned == 0 && sum.partial == 0);
    EXPECT(feud_search(C, "lawsuits", NULL, hits, 8, &sum), FEUD_OK);
    CHECK(sum.total >= 1 && sum.returned >= 1 && hits[0].complete && hits[0].score > 0);
    EXPECT(feud_search(C, "softbank zzqxv", NULL, hits, 8, &sum), FEUD_OK);
    CHECK(sum.total == 0 && sum.partial == sum.returned && sum.returned >= 1);
    CHECK(!hits[0].complete);
    EXPECT(feud_search(C, "altamn stargte", NULL, hits, 8, &sum), FEUD_OK);
    CHECK(sum.corrected == 3u && sum.returned >= 1);
    {
        char s[64];
        size_t need = 0;
        EXPECT(feud_suggest(C, "altamn stargte", s, sizeof s, &need), FEUD_OK);
        CHECK(strcmp(s, "altman stargate") == 0 && need == strlen(s));
        EXPECT(feud_suggest(C, "altamn stargte", s, 4, &need), FEUD_ERR_BUFFER_TOO_SMALL);
        CHECK(strcmp(s, "alt") == 0 && need == strlen("altman stargate"));
        EXPECT(feud_suggest(C, "altman stargate", s, sizeof s, &need), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_suggest(C, "", s, sizeof s, &need), FEUD_ERR_EMPTY_QUERY);
        EXPECT(feud_suggest(NULL, "x", s, sizeof s, &need), FEUD_ERR_NULL);
        EXPECT(feud_suggest(C, NULL, s, sizeof s, &need), FEUD_ERR_NULL);
    }
    EXPECT(feud_search(C, "soft\xff\xfe bank", NULL, hits, 8, &sum), FEUD_ERR_INVALID_UTF8);
    memset(&f, 0, sizeof f);
    f.kinds = 0x40;
    EXPECT(feud_search(C, "softbank", &f, hits, 8, &sum), FEUD_ERR_INVALID_ARGUMENT);
    memset(&f, 0, sizeof f);
    f.has_entity = true;
    f.entity = FEUD_MAX_RECORDS;
    EXPECT(feud_search(C, "softbank", &f, hits, 8, &sum), FEUD_ERR_NOT_FOUND);
    memset(&f, 0, sizeof f);
    f.from.year = 2025; f.from.month = 13;
    EXPECT(feud_search(C, "softbank", &f, hits, 8, &sum), FEUD_ERR_INVALID_ARGUMENT);
    memset(&f, 0, sizeof f);
    f.from.year = 2025; f.to.year = 2024;
    EXPECT(feud_search(C, "softbank", &f, hits, 8, &sum), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_search(C, "softbank secured", NULL, hits, 8, &sum), FEUD_OK);
    CHECK(sum.returned >= 1 && hits[0].record.index == first.index);

    /* feud_hit_text refuses inconsistent hits. */
    hits[0].record.kind = FEUD_KIND_QUOTE;
    hits[0].record.index = softbank_quote;
    hits[0].field = FEUD_FIELD_QUOTE_TEXT;
    hits[0].item = 0;
    EXPECT(feud_hit_text(C, &hits[0], &text), FEUD_OK);
    CHECK(contains(text.ptr, "SoftBank"));
    hits[0].field = 99;
    EXPECT(feud_hit_text(C, &hits[0], &text), FEUD_ERR_INVALID_ARGUMENT);
    hits[0].field = FEUD_FIELD_EVENT_TITLE; /* not a quote field */
    EXPECT(feud_hit_text(C, &hits[0], &text), FEUD_ERR_INVALID_ARGUMENT);
    hits[0].field = FEUD_FIELD_QUOTE_TEXT;
    hits[0].record.index = FEUD_MAX_RECORDS;
    EXPECT(feud_hit_text(C, &hits[0], &text), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_hit_text(NULL, &hits[0], &text), FEUD_ERR_NULL);
    EXPECT(feud_hit_text(C, NULL, &text), FEUD_ERR_NULL);
    EXPECT(feud_hit_text(C, &hits[0], NULL), FEUD_ERR_NULL);
}

static void test_cursor(void) {
    static feud_cursor cur, copy;
    feud_hit hit;
    feud_summary sum;
    feud_filter strict;
    size_t n = 0;
    int saw_softbank = 0;

    /* The cursor matches strictly: it lists what a strict search counts. */
    memset(&strict, 0, sizeof strict);
    strict.mode = FEUD_MODE_STRICT;
    EXPECT(feud_search(C, "softbank", &strict, NULL, 0, &sum), FEUD_OK);
    EXPECT(feud_cursor_open(C, "softbank", NULL, &cur), FEUD_OK);
    while (feud_cursor_next(&cur, &hit) == FEUD_OK) {
        n++;
        if (hit.record.kind == FEUD_KIND_QUOTE && hit.record.index == softbank_quote)
            saw_softbank = 1;
    }
    CHECK(n == sum.total && saw_softbank);
    EXPECT(feud_cursor_next(&cur, &hit), FEUD_ERR_NOT_FOUND);

    /* A copied cursor is refused, the original still works. */
    EXPECT(feud_cursor_open(C, "softbank", NULL, &cur), FEUD_OK);
    memcpy(&copy, &cur, sizeof cur);
    EXPECT(feud_cursor_next(&copy, &hit), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_cursor_next(&cur, &hit), FEUD_OK);
    EXPECT(feud_cursor_next(&cur, NULL), FEUD_ERR_NULL);
    EXPECT(feud_cursor_next(NULL, &hit), FEUD_ERR_NULL);

    /* Failed opens leave the cursor unusable, never dangerous. */
    EXPECT(feud_cursor_open(C, "", NULL, &cur), FEUD_ERR_EMPTY_QUERY);
    EXPECT(feud_cursor_next(&cur, &hit), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_cursor_open(C, NULL, NULL, &cur), FEUD_ERR_NULL);
    EXPECT(feud_cursor_open(NULL, "x", NULL, &cur), FEUD_ERR_NULL);
    EXPECT(feud_cursor_open(C, "x", NULL, NULL), FEUD_ERR_NULL);
    memset(&copy, 0, sizeof copy);
    EXPECT(feud_cursor_next(&copy, &hit), FEUD_ERR_INVALID_ARGUMENT);
}

static void test_thread_and_timeline(void) {
    feud_thread_entry t;
    feud_entry e;
    feud_date from, to;
    size_t i, n = 0, pos_musk = 0, pos_altman = 0;
    unsigned depth_musk = 0, depth_altman = 0;
    long prev = 0;
    uint32_t q, q2;
    feud_quote quote;
    int found_musk = 0, found_altman = 0, saw_softbank = 0;

    /* The January 22 exchange: Musk's post, then Altman's reply under it,
     * whichever quote the thread is asked for. */
    for (i = 0; feud_thread(C, reply_quote, i, &t) == FEUD_OK; i++) {
        if (t.quote == softbank_quote) { found_musk = 1; pos_musk = i; depth_musk = t.depth; }
        if (t.quote == reply_quote) { found_altman = 1; pos_altman = i; depth_altman = t.depth; }
    }
    CHECK(found_musk && found_altman && pos_musk < pos_altman);
    CHECK(depth_altman == depth_musk + 1);
    EXPECT(feud_thread(C, softbank_quote, pos_musk, &t), FEUD_OK);
    CHECK(t.quote == softbank_quote);
    EXPECT(feud_thread(C, reply_quote, i, &t), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_thread(C, FEUD_MAX_RECORDS, 0, &t), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_thread(NULL, 0, 0, &t), FEUD_ERR_NULL);
    EXPECT(feud_thread(C, 0, 0, NULL), FEUD_ERR_NULL);

    /* The timeline is chronological. */
    for (i = 0; feud_timeline(C, NULL, NULL, i, &e) == FEUD_OK; i++) {
        CHECK(e.record.kind == FEUD_KIND_QUOTE || e.record.kind == FEUD_KIND_EVENT);
        CHECK(e.precision != FEUD_PRECISION_NONE && e.date.year > 0);
        CHECK(day_number(e.date) >= prev);
        prev = day_number(e.date);
        n++;
    }
    CHECK(n >= 2);
    EXPECT(feud_timeline(C, NULL, NULL, n, &e), FEUD_ERR_NOT_FOUND);
    /* ...and a range keeps only what overlaps it. */
    memset(&from, 0, sizeof from);
    from.year = 2025; from.month = 1; from.day = 22;
    to = from;
    for (i = 0; feud_timeline(C, &from, &to, i, &e) == FEUD_OK; i++) {
        CHECK(e.date.year == 2025 && (e.date.month == 1 || e.date.month == 0));
        CHECK(e.date.day == 22 || e.date.day == 0);
        if (e.record.kind == FEUD_KIND_QUOTE && e.record.index == softbank_quote) saw_softbank = 1;
    }
    CHECK(saw_softbank && i < n);
    to.year = 2024;
    EXPECT(feud_timeline(C, &from, &to, 0, &e), FEUD_ERR_INVALID_ARGUMENT);
    to = from;
    to.day = 32;
    EXPECT(feud_timeline(C, &from, &to, 0, &e), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_timeline(NULL, NULL, NULL, 0, &e), FEUD_ERR_NULL);
    EXPECT(feud_timeline(C, NULL, NULL, 0, NULL), FEUD_ERR_NULL);

    /* Quotes by a speaker. */
    found_musk = 0;
    for (i = 0; feud_quote_by(C, musk, i, &q) == FEUD_OK; i++) {
        EXPECT(feud_get_quote(C, q, &quote), FEUD_OK);
        CHECK(quote.speaker == musk);
        if (q == softbank_quote) found_musk = 1;
    }
    CHECK(found_musk);
    EXPECT(feud_quote_by(C, FEUD_MAX_RECORDS, 0, &q), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_quote_by(NULL, musk, 0, &q), FEUD_ERR_NULL);
    EXPECT(feud_quote_by(C, musk, 0, NULL), FEUD_ERR_NULL);

    /* A random quote is a function of its seed. */
    EXPECT(feud_random_quote(C, 20250122u, &q), FEUD_OK);
    EXPECT(feud_random_quote(C, 20250122u, &q2), FEUD_OK);
    CHECK(q == q2);
    EXPECT(feud_get_quote(C, q, &quote), FEUD_OK);
    EXPECT(feud_random_quote(NULL, 1, &q), FEUD_ERR_NULL);
    EXPECT(feud_random_quote(C, 1, NULL), FEUD_ERR_NULL);
}

/* Which lists each kind has. */
static int has_list(int kind, int list) {
    if (list == FEUD_LIST_SOURCES) return 1;
    switch (kind) {
    case FEUD_KIND_ENTITY: return list == FEUD_LIST_ROLES || list == FEUD_LIST_ALIASES;
    case FEUD_KIND_QUOTE: return list == FEUD_LIST_TEXT_SOURCES || list == FEUD_LIST_VARIANTS;
    case FEUD_KIND_EVENT: return list == FEUD_LIST_PARTICIPANTS || list == FEUD_LIST_QUOTES;
    case FEUD_KIND_FIGURE:
        return list == FEUD_LIST_CLAIMED_BY || list == FEUD_LIST_DISPUTED_BY ||
               list == FEUD_LIST_PHRASINGS;
    case FEUD_KIND_DISCREPANCY: return list == FEUD_LIST_SIDES || list == FEUD_LIST_RELATED;
    default: return 0;
    }
}

static void test_every_record(void) {
    size_t counts[6], n, i, j;
    int k, list;
    char line[2048];
    for (k = 0; k < 6; k++) EXPECT(feud_count(C, (feud_kind)k, &counts[k]), FEUD_OK);

    for (k = 0; k < 6; k++) {
        for (i = 0; i < counts[k]; i++) {
            uint32_t id = (uint32_t)i;
            size_t needed = 0;
            feud_str key;
            feud_item it0;
            switch (k) {
            case FEUD_KIND_SOURCE: {
                feud_source s;
                EXPECT(feud_get_source(C, id, &s), FEUD_OK);
                CHECK(str_ok(s.key) && str_ok(s.outlet) && str_ok(s.headline) && str_ok(s.notes));
                CHECK(str_ok(s.published.note));
                break;
            }
            case FEUD_KIND_ENTITY: {
                feud_entity e;
                EXPECT(feud_get_entity(C, id, &e), FEUD_OK);
                CHECK(str_ok(e.name) && e.name.len > 0 && str_ok(e.kind_name) && e.kind_name.len > 0);
                break;
            }
            case FEUD_KIND_QUOTE: {
                feud_quote q;
                feud_item v;
                uint32_t src;
                EXPECT(feud_get_quote(C, id, &q), FEUD_OK);
                CHECK(str_ok(q.text) && q.text.len > 0 && str_ok(q.medium_name));
                CHECK(q.speaker < counts[FEUD_KIND_ENTITY]);
                CHECK(q.reply_to >= -1 && q.reply_to < (int32_t)counts[FEUD_KIND_QUOTE]);
                for (j = 0; j < q.variant_count; j++) {
                    size_t s;
                    EXPECT(feud_list_item(C, FEUD_KIND_QUOTE, id, FEUD_LIST_VARIANTS, j, &v), FEUD_OK);
                    for (s = 0; s < v.count; s++) {
                        EXPECT(feud_variant_source(C, id, (uint32_t)j, s, &src), FEUD_OK);
                        CHECK(src < counts[FEUD_KIND_SOURCE]);
                    }
                    EXPECT(feud_variant_source(C, id, (uint32_t)j, v.count, &src), FEUD_ERR_NOT_FOUND);
                }
                EXPECT(feud_variant_source(C, id, q.variant_count, 0, &src), FEUD_ERR_NOT_FOUND);
                break;
            }
            case FEUD_KIND_EVENT: {
                feud_event e;
                EXPECT(feud_get_event(C, id, &e), FEUD_OK);
                CHECK(str_ok(e.title) && str_ok(e.summary) && str_ok(e.dating.note));
                break;
            }
            case FEUD_KIND_FIGURE: {
                feud_figure f;
                EXPECT(feud_get_figure(C, id, &f), FEUD_OK);
                CHECK(str_ok(f.unit) && str_ok(f.refers_to) && str_ok(f.qualifier_name));
                CHECK(f.qualifier <= FEUD_QUALIFIER_LESS_THAN);
                break;
            }
            default: {
                feud_discrepancy d;
                EXPECT(feud_get_discrepancy(C, id, &d), FEUD_OK);
                CHECK(str_ok(d.title) && str_ok(d.description));
                break;
            }
            }
            EXPECT(feud_key(C, (feud_kind)k, id, &key), FEUD_OK);
            CHECK(str_ok(key) && key.len > 0);
            for (list = 0; list <= 12; list++) {
                if (!has_list(k, list)) {
                    EXPECT(feud_list_len(C, (feud_kind)k, id, (feud_list)list, &n),
                           FEUD_ERR_INVALID_ARGUMENT);
                    continue;
                }
                EXPECT(feud_list_len(C, (feud_kind)k, id, (feud_list)list, &n), FEUD_OK);
                for (j = 0; j < n; j++) {
                    feud_item it;
                    EXPECT(feud_list_item(C, (feud_kind)k, id, (feud_list)list, j, &it), FEUD_OK);
                    CHECK(str_ok(it.text));
                    if (it.kind == FEUD_KIND_NONE) CHECK(it.text.len > 0);
                    else CHECK(it.kind <= FEUD_KIND_DISCREPANCY && it.index < counts[it.kind]);
                    if (list == FEUD_LIST_SOURCES) CHECK(it.kind == FEUD_KIND_SOURCE);
                }
                EXPECT(feud_list_item(C, (feud_kind)k, id, (feud_list)list, 0, NULL), FEUD_ERR_NULL);
                EXPECT(feud_list_item(C, (feud_kind)k, id, (feud_list)list, n, &it0),
                       FEUD_ERR_NOT_FOUND);
            }
            if (k == FEUD_KIND_SOURCE) {
                feud_item self;
                EXPECT(feud_list_item(C, FEUD_KIND_SOURCE, id, FEUD_LIST_SOURCES, 0, &self), FEUD_OK);
                CHECK(self.index == id);
            }
            EXPECT(feud_format_line(C, (feud_kind)k, id, line, sizeof line, &needed), FEUD_OK);
            CHECK(needed > 0 && strlen(line) == needed);
        }
    }
    /* Past the end of each kind, and bad arguments. */
    {
        feud_source s; feud_entity e; feud_quote q; feud_event ev; feud_figure f;
        feud_discrepancy d; feud_item it; uint32_t who;
        EXPECT(feud_get_source(C, (uint32_t)counts[0], &s), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_get_entity(C, (uint32_t)counts[1], &e), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_get_quote(C, (uint32_t)counts[2], &q), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_get_event(C, (uint32_t)counts[3], &ev), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_get_figure(C, (uint32_t)counts[4], &f), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_get_discrepancy(C, (uint32_t)counts[5], &d), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_get_source(NULL, 0, &s), FEUD_ERR_NULL);
        EXPECT(feud_get_source(C, 0, NULL), FEUD_ERR_NULL);
        EXPECT(feud_get_quote(NULL, 0, &q), FEUD_ERR_NULL);
        EXPECT(feud_get_quote(C, 0, NULL), FEUD_ERR_NULL);
        EXPECT(feud_get_event(NULL, 0, &ev), FEUD_ERR_NULL);
        EXPECT(feud_get_event(C, 0, NULL), FEUD_ERR_NULL);
        EXPECT(feud_get_figure(NULL, 0, &f), FEUD_ERR_NULL);
        EXPECT(feud_get_figure(C, 0, NULL), FEUD_ERR_NULL);
        EXPECT(feud_get_discrepancy(NULL, 0, &d), FEUD_ERR_NULL);
        EXPECT(feud_get_discrepancy(C, 0, NULL), FEUD_ERR_NULL);
        EXPECT(feud_list_len(C, 7, 0, FEUD_LIST_SOURCES, &n), FEUD_ERR_INVALID_ARGUMENT);
        EXPECT(feud_list_len(C, FEUD_KIND_QUOTE, FEUD_MAX_RECORDS, FEUD_LIST_SOURCES, &n), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_list_len(NULL, FEUD_KIND_QUOTE, 0, FEUD_LIST_SOURCES, &n), FEUD_ERR_NULL);
        EXPECT(feud_list_len(C, FEUD_KIND_QUOTE, 0, FEUD_LIST_SOURCES, NULL), FEUD_ERR_NULL);
        EXPECT(feud_list_item(C, FEUD_KIND_QUOTE, FEUD_MAX_RECORDS, FEUD_LIST_SOURCES, 0, &it), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_list_item(NULL, FEUD_KIND_QUOTE, 0, FEUD_LIST_SOURCES, 0, &it), FEUD_ERR_NULL);
        EXPECT(feud_variant_source(NULL, 0, 0, 0, NULL), FEUD_ERR_NULL);
        EXPECT(feud_variant_source(C, FEUD_MAX_RECORDS, 0, 0, &who), FEUD_ERR_NOT_FOUND);
    }
}

/* Indexes are uint32_t end to end. An index above 65535 whose low 16 bits name
 * a real record (65536 + 3 -> 3) must be refused as unknown, not wrap around
 * to that record, and a refusal must leave the output untouched. */
static int untouched(const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i] != 0xa5) return 0;
    return 1;
}

#define POISON(x) memset(&(x), 0xa5, sizeof(x))

static void test_wide_indexes(void) {
    const uint32_t wide[] = {0x10000u, 0x10003u, 0x1ffffu, FEUD_MAX_RECORDS, FEUD_MAX_RECORDS + 1u,
                             0x7fffffffu, UINT32_MAX};
    size_t counts[6], w, n;
    int k;
    feud_ref r;
    feud_item it;
    feud_str key;
    feud_thread_entry t;
    feud_filter f;
    feud_hit hits[4];
    feud_summary sum;
    uint32_t out;
    char line[256];
    feud_quote quote;
    static feud_cursor cursor;

    /* The header really has 32-bit indexes and counts. */
    CHECK(sizeof r.index == 4 && sizeof it.index == 4 && sizeof it.count == 4);
    CHECK(sizeof t.quote == 4 && sizeof f.entity == 4);
    CHECK(sizeof ((feud_quote *)0)->speaker == 4 && sizeof ((feud_entity *)0)->alias_count == 4);
    CHECK(FEUD_MAX_RECORDS == 16777215u);

    for (k = 0; k < 6; k++) EXPECT(feud_count(C, (feud_kind)k, &counts[k]), FEUD_OK);
    for (w = 0; w < sizeof wide / sizeof wide[0]; w++) {
        uint32_t i = wide[w];
        /* The point of the test: the low 16 bits name a real record. */
        if ((i & 0xffffu) < counts[FEUD_KIND_QUOTE])
            EXPECT(feud_key(C, FEUD_KIND_QUOTE, i & 0xffffu, &key), FEUD_OK);
        for (k = 0; k < 6; k++) {
            CHECK(i >= counts[k]);
            POISON(key);
            EXPECT(feud_key(C, (feud_kind)k, i, &key), FEUD_ERR_NOT_FOUND);
            CHECK(untouched(&key, sizeof key));
            n = 12345;
            EXPECT(feud_list_len(C, (feud_kind)k, i, FEUD_LIST_SOURCES, &n), FEUD_ERR_NOT_FOUND);
            CHECK(n == 12345);
            POISON(it);
            EXPECT(feud_list_item(C, (feud_kind)k, i, FEUD_LIST_SOURCES, 0, &it), FEUD_ERR_NOT_FOUND);
            CHECK(untouched(&it, sizeof it));
            EXPECT(feud_format_line(C, (feud_kind)k, i, line, sizeof line, NULL), FEUD_ERR_NOT_FOUND);
        }
        {
            feud_source s; feud_entity e; feud_quote q; feud_event ev; feud_figure fi;
            feud_discrepancy d;
            POISON(s); POISON(e); POISON(q); POISON(ev); POISON(fi); POISON(d);
            EXPECT(feud_get_source(C, i, &s), FEUD_ERR_NOT_FOUND);
            EXPECT(feud_get_entity(C, i, &e), FEUD_ERR_NOT_FOUND);
            EXPECT(feud_get_quote(C, i, &q), FEUD_ERR_NOT_FOUND);
            EXPECT(feud_get_event(C, i, &ev), FEUD_ERR_NOT_FOUND);
            EXPECT(feud_get_figure(C, i, &fi), FEUD_ERR_NOT_FOUND);
            EXPECT(feud_get_discrepancy(C, i, &d), FEUD_ERR_NOT_FOUND);
            CHECK(untouched(&s, sizeof s) && untouched(&e, sizeof e) && untouched(&q, sizeof q));
            CHECK(untouched(&ev, sizeof ev) && untouched(&fi, sizeof fi) && untouched(&d, sizeof d));
        }
        out = 777;
        EXPECT(feud_variant_source(C, i, 0, 0, &out), FEUD_ERR_NOT_FOUND);
        EXPECT(feud_quote_by(C, i, 0, &out), FEUD_ERR_NOT_FOUND);
        CHECK(out == 777);
        POISON(t);
        EXPECT(feud_thread(C, i, 0, &t), FEUD_ERR_NOT_FOUND);
        CHECK(untouched(&t, sizeof t));
        memset(&f, 0, sizeof f);
        f.has_entity = true;
        f.entity = i;
        EXPECT(feud_search(C, "softbank", &f, hits, 4, &sum), FEUD_ERR_NOT_FOUND);
    }

    /* The same records 65536 further on, one by one. */
    EXPECT(feud_get_quote(C, softbank_quote, &quote), FEUD_OK);
    EXPECT(feud_get_quote(C, 65536u + softbank_quote, &quote), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_thread(C, 65536u + reply_quote, 0, &t), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_quote_by(C, 65536u + musk, 0, &out), FEUD_ERR_NOT_FOUND);
    memset(&f, 0, sizeof f);
    f.has_entity = true;
    f.entity = 65536u + musk;
    EXPECT(feud_search(C, "softbank", &f, hits, 4, &sum), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_cursor_open(C, "softbank", &f, &cursor), FEUD_ERR_NOT_FOUND);
    f.entity = musk;
    EXPECT(feud_search(C, "softbank", &f, hits, 4, &sum), FEUD_OK);
    CHECK(sum.returned >= 1);
    /* A hit moved 65536 records on points at nothing. */
    memset(&f, 0, sizeof f);
    f.kinds = 1u << FEUD_KIND_QUOTE;
    EXPECT(feud_search(C, "softbank secured", &f, hits, 1, &sum), FEUD_OK);
    CHECK(sum.returned == 1 && hits[0].record.index == softbank_quote);
    EXPECT(feud_hit_text(C, &hits[0], &key), FEUD_OK);
    hits[0].record.index += 65536u;
    POISON(key);
    EXPECT(feud_hit_text(C, &hits[0], &key), FEUD_ERR_NOT_FOUND);
    CHECK(untouched(&key, sizeof key));
    /* And the library is still fine. */
    EXPECT(feud_get_quote(C, softbank_quote, &quote), FEUD_OK);
}

static void test_display(void) {
    char buf[64], big[1024];
    char guard[16 + 4];
    size_t needed = 0, full = 0, lines = 0;
    feud_quote q;
    feud_item v;
    size_t i;
    int flag = 0;
    const char *typo = "\xe2\x80\x9cHi\xe2\x80\x9d \xe2\x80\x94 it\xe2\x80\x99s caf\xc3\xa9\xe2\x80\xa6";

    /* A quote as a line, whole and cut. */
    EXPECT(feud_format_line(C, FEUD_KIND_QUOTE, softbank_quote, big, sizeof big, &full), FEUD_OK);
    CHECK(strncmp(big, "Elon Musk (2025-01-22): SoftBank has well under $10B secured", 60) == 0);
    CHECK(strlen(big) == full);
    memset(guard, '#', sizeof guard);
    EXPECT(feud_format_line(C, FEUD_KIND_QUOTE, softbank_quote, guard, 16, &needed),
           FEUD_ERR_BUFFER_TOO_SMALL);
    CHECK(needed == full && strlen(guard) <= 15 && strncmp(guard, big, strlen(guard)) == 0);
    CHECK(guard[16] == '#' && guard[19] == '#');
    EXPECT(feud_format_line(C, FEUD_KIND_QUOTE, softbank_quote, NULL, 0, &needed),
           FEUD_ERR_BUFFER_TOO_SMALL);
    CHECK(needed == full);
    EXPECT(feud_format_line(C, FEUD_KIND_QUOTE, softbank_quote, buf, 1, NULL),
           FEUD_ERR_BUFFER_TOO_SMALL);
    CHECK(buf[0] == '\0');
    EXPECT(feud_format_line(C, FEUD_KIND_QUOTE, softbank_quote, big, full + 1, &needed), FEUD_OK);
    EXPECT(feud_format_line(C, FEUD_KIND_QUOTE, softbank_quote, big, full, &needed),
           FEUD_ERR_BUFFER_TOO_SMALL);
    EXPECT(feud_format_line(C, FEUD_KIND_QUOTE, FEUD_MAX_RECORDS, big, sizeof big, &needed), FEUD_ERR_NOT_FOUND);
    EXPECT(feud_format_line(C, 42, 0, big, sizeof big, &needed), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_format_line(C, FEUD_KIND_QUOTE, 0, NULL, 10, &needed), FEUD_ERR_NULL);
    EXPECT(feud_format_line(NULL, FEUD_KIND_QUOTE, 0, big, sizeof big, &needed), FEUD_ERR_NULL);

    /* Transliteration. */
    EXPECT(feud_translit(typo, strlen(typo), FEUD_CHARSET_ASCII, buf, sizeof buf, &needed), FEUD_OK);
    CHECK(strcmp(buf, "\"Hi\" - it's cafe...") == 0 && needed == strlen(buf));
    EXPECT(feud_translit(typo, strlen(typo), FEUD_CHARSET_LATIN1, buf, sizeof buf, &needed), FEUD_OK);
    CHECK(strcmp(buf, "\"Hi\" - it's caf\xc3\xa9...") == 0);
    /* Cut in Latin-1 mode: never half a character. */
    EXPECT(feud_translit("caf\xc3\xa9", 5, FEUD_CHARSET_LATIN1, buf, 5, &needed),
           FEUD_ERR_BUFFER_TOO_SMALL);
    CHECK(strcmp(buf, "caf") == 0 && needed == 5);
    EXPECT(feud_translit("ab\xff", 3, FEUD_CHARSET_ASCII, buf, sizeof buf, &needed), FEUD_ERR_INVALID_UTF8);
    EXPECT(feud_translit("ab", 2, 7, buf, sizeof buf, &needed), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_translit(NULL, 2, FEUD_CHARSET_ASCII, buf, sizeof buf, &needed), FEUD_ERR_NULL);
    EXPECT(feud_translit(NULL, 0, FEUD_CHARSET_ASCII, buf, sizeof buf, &needed), FEUD_OK);
    CHECK(buf[0] == '\0' && needed == 0);
    EXPECT(feud_translit("ab", 2, FEUD_CHARSET_ASCII, NULL, 4, &needed), FEUD_ERR_NULL);

    /* Altman's reply has, in one printing, the US flag: spelled out. */
    EXPECT(feud_get_quote(C, reply_quote, &q), FEUD_OK);
    for (i = 0; i <= q.variant_count; i++) {
        if (i < q.variant_count)
            EXPECT(feud_list_item(C, FEUD_KIND_QUOTE, reply_quote, FEUD_LIST_VARIANTS, i, &v), FEUD_OK);
        else
            v.text = q.text;
        if (contains(v.text.ptr, "\xf0\x9f\x87\xba\xf0\x9f\x87\xb8")) {
            const char *p;
            flag = 1;
            EXPECT(feud_translit(v.text.ptr, v.text.len, FEUD_CHARSET_ASCII, big, sizeof big, &needed), FEUD_OK);
            CHECK(needed < sizeof big && contains(big, "[US flag]"));
            for (p = big; *p; p++) CHECK(*p == '\n' || ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f));
        }
    }
    CHECK(flag);

    /* Word wrapping. */
    EXPECT(feud_wrap("the quick brown fox jumps", 25, 10, buf, sizeof buf, &needed, &lines), FEUD_OK);
    CHECK(strcmp(buf, "the quick\nbrown fox\njumps") == 0 && lines == 3 && needed == strlen(buf));
    EXPECT(feud_wrap("the quick brown fox jumps", 25, 10, buf, 12, &needed, &lines),
           FEUD_ERR_BUFFER_TOO_SMALL);
    CHECK(strcmp(buf, "the quick\nb") == 0 && needed == 25);
    EXPECT(feud_wrap("a\nb", 3, 0, buf, sizeof buf, &needed, &lines), FEUD_OK);
    CHECK(strcmp(buf, "a\nb") == 0 && lines == 2);
    EXPECT(feud_wrap("\xc3\xa9\xc3\xa9\xc3\xa9", 6, 2, buf, 4, &needed, NULL), FEUD_ERR_BUFFER_TOO_SMALL);
    CHECK(strcmp(buf, "\xc3\xa9") == 0 && needed == 7);
    EXPECT(feud_wrap("ab\xc3", 3, 10, buf, sizeof buf, &needed, &lines), FEUD_ERR_INVALID_UTF8);
    EXPECT(feud_wrap(NULL, 3, 10, buf, sizeof buf, &needed, &lines), FEUD_ERR_NULL);
    EXPECT(feud_wrap("abc", 3, 10, NULL, 3, &needed, &lines), FEUD_ERR_NULL);
}

static void test_open(void) {
    const uint8_t *blob = NULL;
    size_t len = 0, n;
    uint8_t *copy;
    feud_corpus opened, copied, bad;
    feud_stats a, b;
    feud_hit hit;
    feud_summary sum;
    feud_quote q;
    feud_filter f;
    uint32_t who;

    EXPECT(feud_blob(C, &blob, &len), FEUD_OK);
    CHECK(blob != NULL && len > 128 && memcmp(blob, "FEUDFACT", 8) == 0);
    EXPECT(feud_blob(NULL, &blob, &len), FEUD_ERR_NULL);
    EXPECT(feud_blob(C, NULL, &len), FEUD_ERR_NULL);
    EXPECT(feud_blob(C, &blob, NULL), FEUD_ERR_NULL);

    copy = (uint8_t *)malloc(len);
    CHECK(copy != NULL);
    if (copy == NULL) return;
    memcpy(copy, blob, len);
    EXPECT(feud_open(copy, len, &opened), FEUD_OK);
    EXPECT(feud_get_stats(C, &a), FEUD_OK);
    EXPECT(feud_get_stats(&opened, &b), FEUD_OK);
    CHECK(memcmp(a.counts, b.counts, sizeof a.counts) == 0 && a.blob_bytes == b.blob_bytes);
    /* Strings point into the caller's bytes: no copy was made. */
    EXPECT(feud_get_quote(&opened, softbank_quote, &q), FEUD_OK);
    CHECK((const uint8_t *)q.text.ptr >= copy && (const uint8_t *)q.text.ptr < copy + len);
    /* Handles may be copied. */
    copied = opened;
    EXPECT(feud_entity_by_name(&copied, "@sama", &who), FEUD_OK);
    CHECK(who == altman);
    /* Trailing bytes (a whole flash partition) are fine. */
    {
        uint8_t *padded = (uint8_t *)calloc(len + 100, 1);
        CHECK(padded != NULL);
        if (padded) {
            memcpy(padded, blob, len);
            EXPECT(feud_open(padded, len + 100, &bad), FEUD_OK);
            free(padded);
        }
    }

    /* Each class of bad blob gets its own code, and leaves `bad` unusable. */
    EXPECT(feud_open(copy, 10, &bad), FEUD_ERR_TRUNCATED);
    EXPECT(feud_count(&bad, FEUD_KIND_QUOTE, &n), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_open(copy, len - 1, &bad), FEUD_ERR_TRUNCATED);
    copy[0] ^= 0xff;
    EXPECT(feud_open(copy, len, &bad), FEUD_ERR_BAD_MAGIC);
    copy[0] ^= 0xff;
    copy[8] = 99;
    EXPECT(feud_open(copy, len, &bad), FEUD_ERR_UNSUPPORTED_VERSION);
    copy[8] = blob[8];
    copy[len / 2] ^= 0x55;
    EXPECT(feud_open(copy, len, &bad), FEUD_ERR_CHECKSUM_MISMATCH);
    copy[len / 2] ^= 0x55;
    copy[10] = 3; /* section count */
    EXPECT(feud_open(copy, len, &bad), FEUD_ERR_MALFORMED_BLOB);
    copy[10] = blob[10];
    /* A record byte changed with a correct checksum: caught by validation. */
    {
        size_t at = len - 1; /* last byte of the last section (the key index) */
        copy[at] ^= 0x7f;
        fix_checksum(copy, len);
        EXPECT(feud_open(copy, len, &bad), FEUD_ERR_MALFORMED_BLOB);
        memcpy(copy, blob, len);
    }
    EXPECT(feud_count(&bad, FEUD_KIND_QUOTE, &n), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_open(NULL, len, &bad), FEUD_ERR_NULL);
    EXPECT(feud_open(copy, len, NULL), FEUD_ERR_NULL);
    memset(&bad, 0, sizeof bad);
    EXPECT(feud_count(&bad, FEUD_KIND_QUOTE, &n), FEUD_ERR_INVALID_ARGUMENT);
    EXPECT(feud_search(&bad, "softbank", NULL, &hit, 1, &sum), FEUD_ERR_INVALID_ARGUMENT);

    /* The good handle was never disturbed. */
    EXPECT(feud_open(copy, len, &opened), FEUD_OK);
    memset(&f, 0, sizeof f);
    f.kinds = 1u << FEUD_KIND_QUOTE;
    EXPECT(feud_search(&opened, "softbank secured", &f, &hit, 1, &sum), FEUD_OK);
    CHECK(sum.returned == 1 && hit.record.index == softbank_quote);
    free(copy);
}

int main(void) {
    test_version_and_status();
    test_counts();
    test_entities();
    test_search();
    test_cursor();
    test_thread_and_timeline();
    test_every_record();
    test_wide_indexes();
    test_display();
    test_open();
    if (failures) {
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("all checks passed (%d checks)\n", checks);
    return 0;
}
