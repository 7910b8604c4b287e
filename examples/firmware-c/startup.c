/* Startup for a Cortex-M3 without any C library: the vector table, the
 * reset handler (copy .data, zero .bss, call main) and semihosting output and
 * exit, which QEMU implements with -semihosting-config enable=on. */
#include <stddef.h>
#include <stdint.h>

#include "semihosting.h"

extern uint32_t _estack, _sidata, _sdata, _edata, _sbss, _ebss;
int main(void);

/* Semihosting call: operation in r0, argument in r1, `bkpt 0xAB`. */
static uintptr_t semihost(uintptr_t op, const void *arg) {
  register uintptr_t r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void sh_write0(const char *s) { semihost(0x04 /* SYS_WRITE0 */, s); }

void sh_exit(int ok) {
  /* SYS_EXIT with ADP_Stopped_ApplicationExit (status 0) or
   * ADP_Stopped_RunTimeErrorUnknown (QEMU exits with status 1). */
  semihost(0x18, (const void *)(uintptr_t)(ok ? 0x20026 : 0x20023));
  for (;;) {
  }
}

void Reset_Handler(void) {
  uint32_t *src = &_sidata;
  for (uint32_t *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
  for (uint32_t *dst = &_sbss; dst < &_ebss;) *dst++ = 0;
  sh_exit(main() == 0);
}

/* A fault (including the library's trapping panic handler, `udf`) ends the
 * run with a failure instead of hanging QEMU. */
void Fault_Handler(void) {
  sh_write0("HARDFAULT\n");
  sh_exit(0);
}

__attribute__((section(".vector_table"), used))
const void *const vector_table[16] = {
    &_estack,      Reset_Handler, Fault_Handler, Fault_Handler,
    Fault_Handler, Fault_Handler, Fault_Handler, 0,
    0,             0,             0,             Fault_Handler,
    Fault_Handler, 0,             Fault_Handler, Fault_Handler,
};
