/* Semihosting output and exit (startup.c). */
#ifndef SEMIHOSTING_H
#define SEMIHOSTING_H
/* Writes a NUL-terminated string to QEMU's stdout. */
void sh_write0(const char *s);
/* Ends the run: QEMU exits with status 0 when `ok`, else 1. */
void sh_exit(int ok) __attribute__((noreturn));
#endif
