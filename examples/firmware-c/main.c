/*
 * feudfacts from C on a Cortex-M3: the same script as the Rust firmware
 * (examples/firmware) through the C ABI (include/feudfacts.h) and the
 * thumbv7m static library libfeudfacts.a, with no C library at all.
 *
 * Validates the embedded blob, then a search, a quote by key, the reply
 * thread of the January 22 exchange, a timeline page and a quote of the day,
 * printed over semihosting; the free stack is painted before each step and
 * the deepest overwritten word gives its stack high-water mark. Exits with
 * status 0, or 1 when a step fails. Run by ci/firmware.sh under
 * qemu-system-arm -machine lm3s6965evb.
 */
#include <stddef.h>
#include <stdint.h>

#include "feudfacts.h"
#include "semihosting.h"

#define SEARCH "softbank secured"
#define QUOTE_KEY "q-wrong-as-you-surely-know"
#define QOTD_SEED 20110u /* days from 1970-01-01 to 2025-01-22 */
#define PAGE 4

/* ----- output: a line buffer over semihosting, no printf ----------------- */

static char line[96];
static size_t line_len;
static int failed;

static void flush(void) {
  line[line_len] = 0;
  sh_write0(line);
  line_len = 0;
}

static void out_char(char c) {
  if (line_len == sizeof line - 1) flush();
  line[line_len++] = c;
  if (c == '\n') flush();
}

static void out_str(const char *s) {
  while (*s) out_char(*s++);
}

static void out_num(size_t n) {
  char digits[20];
  int i = 0;
  do {
    digits[i++] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  while (i) out_char(digits[--i]);
}

/* Corpus text (UTF-8) transliterated to ASCII; lines after a newline in it
 * are indented by `indent` spaces. */
static void out_text(const char *s, size_t len, int indent) {
  static char buf[1024];
  size_t needed = 0;
  if (feud_translit(s, len, FEUD_CHARSET_ASCII, buf, sizeof buf, &needed) != FEUD_OK) {
    out_str("(text too long)");
    return;
  }
  for (const char *p = buf; *p; p++) {
    out_char(*p);
    if (*p == '\n')
      for (int i = 0; i < indent; i++) out_char(' ');
  }
}

static void fail(const char *what) {
  out_str("FAIL: ");
  out_str(what);
  out_char('\n');
  failed = 1;
}

/* ----- stack painting ------------------------------------------------------ */

extern uint32_t _ebss, _estack;
#define PAINT 0xC0FFEE11u

static uintptr_t sp(void) {
  uintptr_t v;
  __asm__ volatile("mov %0, sp" : "=r"(v));
  return v;
}

/* Paints every free stack word below this function's frame. */
__attribute__((noinline)) static void paint(void) {
  uintptr_t top = (sp() - 64) & ~(uintptr_t)3;
  for (volatile uint32_t *p = &_ebss; (uintptr_t)p < top; p++) *p = PAINT;
}

/* The lowest address written since the last paint(). */
static uintptr_t lowest_used(void) {
  for (volatile uint32_t *p = &_ebss; p < &_estack; p++)
    if (*p != PAINT) return (uintptr_t)p;
  return (uintptr_t)&_estack;
}

static uintptr_t peak_low = UINTPTR_MAX;

static void checkpoint(void) {
  uintptr_t low = lowest_used();
  if (low < peak_low) peak_low = low;
}

static void report_stack(const char *label, size_t used) {
  out_str("  stack ");
  out_str(label);
  out_str(": ");
  out_num(used);
  out_str(" bytes\n");
}

/* ----- the script ---------------------------------------------------------- */

static const struct feud_corpus *corpus;

/* One line of a record (feud_format_line), cut at 120 bytes. */
static void record_line(feud_kind kind, uint32_t index) {
  char buf[121];
  size_t needed = 0;
  enum feud_status st = feud_format_line(corpus, kind, index, buf, sizeof buf, &needed);
  if (st != FEUD_OK && st != FEUD_ERR_BUFFER_TOO_SMALL) {
    fail(feud_status_str(st));
    return;
  }
  size_t n = 0;
  while (buf[n]) n++;
  out_text(buf, n, 0);
  if (st == FEUD_ERR_BUFFER_TOO_SMALL) out_str("...");
  out_char('\n');
}

/* `Speaker (date): text` in full, indented by `level`. */
static void quote(uint32_t index, int level) {
  struct feud_quote q;
  if (feud_get_quote(corpus, index, &q) != FEUD_OK) {
    fail("quote index");
    return;
  }
  for (int i = 0; i < level; i++) out_str("  ");
  if (level > 1) out_str("> ");
  out_text(q.speaker_name.ptr, q.speaker_name.len, 0);
  if (q.dating.precision != FEUD_PRECISION_NONE) {
    char iso[11];
    struct feud_date d = q.dating.date;
    int n = 0;
    iso[n++] = (char)('0' + d.year / 1000 % 10);
    iso[n++] = (char)('0' + d.year / 100 % 10);
    iso[n++] = (char)('0' + d.year / 10 % 10);
    iso[n++] = (char)('0' + d.year % 10);
    if (d.month) {
      iso[n++] = '-';
      iso[n++] = (char)('0' + d.month / 10);
      iso[n++] = (char)('0' + d.month % 10);
    }
    if (d.day) {
      iso[n++] = '-';
      iso[n++] = (char)('0' + d.day / 10);
      iso[n++] = (char)('0' + d.day % 10);
    }
    iso[n] = 0;
    out_str(" (");
    out_str(iso);
    out_str(")");
  }
  out_str(": ");
  out_text(q.text.ptr, q.text.len, 2 * level + 2);
  out_char('\n');
}

static struct feud_hit hits[5];
static struct feud_summary summary;
static enum feud_status search_status;

__attribute__((noinline)) static void do_search(void) {
  search_status = feud_search(corpus, SEARCH, NULL, hits, 5, &summary);
}

static void step_search(void) {
  out_str("[search] " SEARCH "\n");
  uintptr_t base = sp();
  paint();
  do_search();
  size_t used = base - lowest_used();
  if (search_status != FEUD_OK) {
    fail(feud_status_str(search_status));
    return;
  }
  out_str("  ");
  out_num(summary.total);
  out_str(" matches\n");
  /* Best match (the filter's default): when the complete matches leave
   * room, the closest follow, marked '~'. */
  if (summary.partial) {
    out_str("  ");
    out_num(summary.partial);
    out_str(" closest\n");
  }
  for (size_t i = 0; i < summary.returned; i++) {
    struct feud_str key;
    out_str("  ");
    out_num(i + 1);
    out_str(". ");
    if (!hits[i].complete) out_str("~");
    out_str(feud_kind_name(hits[i].record.kind));
    out_str(" ");
    if (feud_key(corpus, hits[i].record.kind, hits[i].record.index, &key) == FEUD_OK) out_text(key.ptr, key.len, 0);
    out_str("\n     ");
    record_line(hits[i].record.kind, hits[i].record.index);
  }
  if (summary.returned == 0) fail("search found nothing");
  out_str("SEARCH_STACK ");
  out_num(used);
  out_char('\n');
  report_stack("search", used);
}

static void step_key(void) {
  struct feud_ref r;
  struct feud_quote q;
  out_str("[key] " QUOTE_KEY "\n");
  if (feud_find_key(corpus, QUOTE_KEY, &r) != FEUD_OK || r.kind != FEUD_KIND_QUOTE ||
      feud_get_quote(corpus, r.index, &q) != FEUD_OK) {
    fail("no quote with that key");
    return;
  }
  quote(r.index, 1);
  out_str("  medium ");
  out_str(q.medium_name.ptr);
  out_str(", ");
  out_num(q.variant_count);
  out_str(" variant(s), ");
  out_num(q.source_count);
  out_str(" source(s)\n");
}

static void step_thread(void) {
  struct feud_filter filter = {0};
  struct feud_hit hit;
  struct feud_summary s;
  out_str("[thread] the January 22 exchange\n");
  filter.kinds = 1u << FEUD_KIND_QUOTE;
  if (feud_entity_by_name(corpus, "@sama", &filter.entity) != FEUD_OK) {
    fail("no @sama");
    return;
  }
  filter.has_entity = 1;
  if (feud_search(corpus, "\"surely know\"", &filter, &hit, 1, &s) != FEUD_OK || s.returned != 1) {
    fail("no \"surely know\" quote by @sama");
    return;
  }
  size_t n = 0;
  struct feud_thread_entry e;
  while (feud_thread(corpus, hit.record.index, n, &e) == FEUD_OK) {
    quote(e.quote, e.depth + 1);
    n++;
  }
  out_str("  ");
  out_num(n);
  out_str(" quotes in the thread\n");
  if (n < 2) fail("thread has no reply");
}

static void step_timeline(void) {
  struct feud_date from = {2025, 1, 21}, to = {2025, 1, 23};
  struct feud_entry e;
  size_t total = 0, shown = 0;
  for (size_t i = 0; feud_timeline(corpus, &from, &to, i, &e) == FEUD_OK; i++)
    if (e.precision == FEUD_PRECISION_DAY) total++;
  out_str("[timeline] 2025-01-21..2025-01-23, page 1 of ");
  out_num((total + PAGE - 1) / PAGE);
  out_str(" (");
  out_num(total);
  out_str(" entries)\n");
  for (size_t i = 0; shown < PAGE && feud_timeline(corpus, &from, &to, i, &e) == FEUD_OK; i++) {
    if (e.precision != FEUD_PRECISION_DAY) continue;
    out_str("  ");
    out_str(feud_kind_name(e.record.kind));
    out_str(" ");
    record_line(e.record.kind, e.record.index);
    shown++;
  }
  if (total == 0) fail("empty timeline page");
}

static void step_qotd(void) {
  uint32_t q;
  out_str("[quote of the day] seed ");
  out_num(QOTD_SEED);
  out_char('\n');
  if (feud_random_quote(corpus, QOTD_SEED, &q) == FEUD_OK)
    quote(q, 1);
  else
    fail("no quote of the day");
}

int main(void) {
  paint();
  out_str("feudfacts C firmware, library ");
  out_str(feud_version());
  out_str(", header " FEUD_VERSION_STRING "\n");
  corpus = feud_embedded();
  /* Validate the embedded blob as if it had been loaded from flash at run
   * time: what firmware does with a blob in its own partition. */
  const uint8_t *bytes;
  size_t len;
  static struct feud_corpus opened;
  struct feud_stats stats;
  enum feud_status st = feud_blob(corpus, &bytes, &len);
  if (st == FEUD_OK) st = feud_open(bytes, len, &opened);
  if (st == FEUD_OK) st = feud_get_stats(&opened, &stats);
  if (st != FEUD_OK) {
    fail(feud_status_str(st));
    out_str("FAILED\n");
    return 1;
  }
  corpus = &opened;
  out_str("blob: ");
  out_num(stats.blob_bytes);
  out_str(" bytes, ");
  out_num(stats.total_records);
  out_str(" records, verified\n");
  void (*steps[])(void) = {step_search, step_key, step_thread, step_timeline, step_qotd};
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    checkpoint();
    paint();
    steps[i]();
  }
  checkpoint();
  out_str("STACK_PEAK ");
  out_num((uintptr_t)&_estack - peak_low);
  out_char('\n');
  out_str(failed ? "FAILED\n" : "done\n");
  return failed;
}
