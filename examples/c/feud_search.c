/*
 * feud_search: search the feudfacts corpus from C and print the hits.
 *
 *   feud_search [-n MAX] [-k KIND] [-w COLS] [--ascii] QUERY...
 *   feud_search --thread QUERY...    the reply thread of the best quote hit
 *   feud_search --random SEED        a quote chosen by SEED
 *
 * Each hit is printed as one line (feud_format_line), optionally
 * transliterated to ASCII (--ascii) and word-wrapped (-w), as a small display
 * would show it, followed by the matched field and the highlighted words.
 * Uses only fixed buffers: the library never allocates.
 */
#include "feudfacts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HITS 32

static int ascii = 0;
static unsigned cols = 0;

static int fail(enum feud_status st, const char *what) {
    fprintf(stderr, "feud_search: %s: %s\n", what, feud_status_str(st));
    return 1;
}

/* Prints record (kind, index) as a line, as --ascii and -w ask. */
static void print_record(const feud_corpus *c, feud_kind kind, uint32_t index, const char *indent) {
    char line[1024], ascii_line[1024], wrapped[1200];
    const char *out = line;
    size_t needed = 0;
    enum feud_status st = feud_format_line(c, kind, index, line, sizeof line, &needed);
    if (st != FEUD_OK && st != FEUD_ERR_BUFFER_TOO_SMALL) {
        printf("%s(%s)\n", indent, feud_status_str(st));
        return;
    }
    if (ascii) {
        /* A cut line is still NUL-terminated; print what fit. */
        feud_translit(line, strlen(line), FEUD_CHARSET_ASCII, ascii_line, sizeof ascii_line, &needed);
        out = ascii_line;
    }
    if (cols > 0) {
        feud_wrap(out, strlen(out), cols, wrapped, sizeof wrapped, &needed, NULL);
        out = wrapped;
    }
    /* Quotes may span lines: indent every one. */
    fputs(indent, stdout);
    for (; *out; out++) {
        putchar(*out);
        if (*out == '\n') fputs(indent, stdout);
    }
    putchar('\n');
}

static int kind_bit(const char *name) {
    int k;
    for (k = 0; k < 6; k++)
        if (strcmp(feud_kind_name((feud_kind)k), name) == 0) return 1 << k;
    return -1;
}

static int search(const feud_corpus *c, const char *query, const feud_filter *filter, size_t max) {
    feud_hit hits[MAX_HITS];
    feud_summary sum;
    size_t i;
    enum feud_status st = feud_search(c, query, filter, hits, max, &sum);
    if (st != FEUD_OK) return fail(st, "search");
    printf("%lu hit%s for \"%s\"\n", (unsigned long)sum.total, sum.total == 1 ? "" : "s", query);
    for (i = 0; i < sum.returned; i++) {
        feud_str key, text;
        feud_key(c, hits[i].record.kind, hits[i].record.index, &key);
        printf("%2lu. [%s %s] ", (unsigned long)(i + 1), feud_kind_name(hits[i].record.kind), key.ptr);
        print_record(c, hits[i].record.kind, hits[i].record.index, "");
        if (feud_hit_text(c, &hits[i], &text) == FEUD_OK) {
            printf("    %s: ...%.*s...\n", feud_field_name(hits[i].field),
                   (int)(hits[i].end - hits[i].start), text.ptr + hits[i].start);
        }
    }
    if (sum.total > sum.returned)
        printf("(%lu more)\n", (unsigned long)(sum.total - sum.returned));
    return 0;
}

static int thread(const feud_corpus *c, const char *query) {
    feud_hit hit;
    feud_summary sum;
    feud_filter f;
    feud_thread_entry t;
    size_t i;
    enum feud_status st;
    memset(&f, 0, sizeof f);
    f.kinds = 1u << FEUD_KIND_QUOTE;
    st = feud_search(c, query, &f, &hit, 1, &sum);
    if (st != FEUD_OK) return fail(st, "search");
    if (sum.returned == 0) {
        printf("no quote matches \"%s\"\n", query);
        return 1;
    }
    for (i = 0; feud_thread(c, hit.record.index, i, &t) == FEUD_OK; i++) {
        char indent[2 * FEUD_MAX_THREAD_DEPTH + 3];
        unsigned d = t.depth > FEUD_MAX_THREAD_DEPTH ? FEUD_MAX_THREAD_DEPTH : t.depth;
        memset(indent, ' ', 2 * d);
        strcpy(indent + 2 * d, d ? "> " : "");
        print_record(c, FEUD_KIND_QUOTE, t.quote, indent);
    }
    return 0;
}

int main(int argc, char **argv) {
    const feud_corpus *c = feud_embedded();
    feud_filter filter;
    char query[4 * FEUD_MAX_QUERY_LEN] = "";
    size_t max = 10, used = 0;
    int i, mode_thread = 0;

    memset(&filter, 0, sizeof filter);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-n") == 0 && i + 1 < argc) {
            max = (size_t)strtoul(argv[++i], NULL, 10);
            if (max > MAX_HITS) max = MAX_HITS;
        } else if (strcmp(a, "-k") == 0 && i + 1 < argc) {
            int bit = kind_bit(argv[++i]);
            if (bit < 0) return fail(FEUD_ERR_INVALID_ARGUMENT, argv[i]);
            filter.kinds |= (uint8_t)bit;
        } else if (strcmp(a, "-w") == 0 && i + 1 < argc) {
            cols = (unsigned)strtoul(argv[++i], NULL, 10);
        } else if (strcmp(a, "--ascii") == 0) {
            ascii = 1;
        } else if (strcmp(a, "--thread") == 0) {
            mode_thread = 1;
        } else if (strcmp(a, "--random") == 0 && i + 1 < argc) {
            uint32_t q;
            enum feud_status st = feud_random_quote(c, strtoull(argv[++i], NULL, 10), &q);
            if (st != FEUD_OK) return fail(st, "random");
            print_record(c, FEUD_KIND_QUOTE, q, "");
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("feud_search with libfeudfacts %s (header %s)\n", feud_version(), FEUD_VERSION_STRING);
            return 0;
        } else {
            size_t n = strlen(a);
            /* Join the words; an overlong query is the library's to refuse. */
            if (used + n + 1 >= sizeof query) n = sizeof query - used - 2;
            if (used) query[used++] = ' ';
            memcpy(query + used, a, n);
            used += n;
            query[used] = '\0';
        }
    }
    if (used == 0) {
        fprintf(stderr, "usage: feud_search [-n MAX] [-k KIND] [-w COLS] [--ascii] [--thread] QUERY...\n"
                        "       feud_search --random SEED\n");
        return 2;
    }
    return mode_thread ? thread(c, query) : search(c, query, &filter, max);
}
