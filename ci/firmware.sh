#!/usr/bin/env bash
# On the device (issue 4): cross-builds the core and the C ABI static library
# for three Cortex-M targets, runs the Rust firmware (examples/firmware) under
# qemu-system-arm on three machines and the C firmware (examples/firmware-c)
# on one, asserting on their output; runs ci/oled.sh (issue 15: the OLED
# firmware under QEMU, every frame checked against its golden, and the Pico
# image); then prints the size table and fails when a budget is broken or a
# figure grows more than 10% past ci/size-baseline.txt.
#
#   bash ci/firmware.sh                         # what .ci/run does
#   UPDATE_SIZE_BASELINE=1 bash ci/firmware.sh  # accept the current figures
#
# Installs what it needs (idempotent): the thumb targets (rustup, else
# ../shared/tools/thumb-sysroot), qemu-system-arm and gcc-arm-none-eabi.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TERM_COLOR=never

targets=(thumbv6m-none-eabi thumbv7m-none-eabi thumbv7em-none-eabihf)
declare -A machine=(
  [thumbv6m-none-eabi]="-cpu cortex-m0 -machine microbit"
  [thumbv7m-none-eabi]="-cpu cortex-m3 -machine lm3s6965evb"
  [thumbv7em-none-eabihf]="-cpu cortex-m4 -machine mps2-an386"
)
# The budget, for the Rust firmware on thumbv6m with the full corpus: the
# program's flash (the corpus in its own partition; build.rs gives the
# program a 96 KiB region, so the linker holds it to that too), RAM with the
# stack, and the stack of one Corpus::search call. Raised with best match
# and format v3 from 64 KiB, 8 KiB and 2 KiB, which the code (+35 KB) and
# the search's stack (+5.4 KB) outgrew; docs/FIRMWARE.md has the measured
# figures, the margins and where the growth is.
budget_target=thumbv6m-none-eabi
declare -A budget=([flash]=98304 [ram]=12288 [search_stack]=8192)
baseline_file=ci/size-baseline.txt
fail=0
note() { printf '%s\n' "$*"; }
problem() { printf 'FAIL: %s\n' "$*"; fail=1; }

# --- toolchain ---------------------------------------------------------------
missing=()
installed=$(rustup target list --installed 2>/dev/null || true)
for t in "${targets[@]}"; do
  grep -qx "$t" <<<"$installed" || missing+=("$t")
done
if [ ${#missing[@]} -gt 0 ]; then
  note "adding targets: ${missing[*]}"
  if ! timeout 120 rustup target add "${missing[@]}"; then
    note "rustup cannot download; building the sysroot with thumb-sysroot"
    eval "$(../shared/tools/thumb-sysroot "${missing[@]}")"
  fi
fi

apt_need=()
for p in qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi; do
  dpkg -s "$p" >/dev/null 2>&1 || apt_need+=("$p")
done
if [ ${#apt_need[@]} -gt 0 ]; then
  note "installing: ${apt_need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${apt_need[@]}" >/dev/null
fi

# --- cross builds of the library ---------------------------------------------
have_ffi=0
[ -f ffi/Cargo.toml ] && have_ffi=1
for t in "${targets[@]}"; do
  cargo build -q --release -p feudfacts --lib --target "$t"
  note "core builds for $t"
  if [ $have_ffi = 1 ]; then
    cargo build -q --release -p feudfacts-ffi --lib --target "$t"
    ls -l "target/$t/release/libfeudfacts.a" | awk '{print "ffi staticlib for '"$t"': " $5 " bytes"}'
  fi
done
[ $have_ffi = 1 ] || problem "ffi/ is missing: the C ABI static library was not built"
# The display crate is no_std too: the same drawing code runs on a device.
cargo build -q --release -p feudfacts-display --lib --target thumbv6m-none-eabi
note "display crate builds for thumbv6m-none-eabi"

# --- the Rust firmware on three machines -------------------------------------
fw=examples/firmware
(cd "$fw" && cargo fmt --check && cargo clippy -q --release --target thumbv7m-none-eabi -- -D warnings \
  && cargo clippy -q --release --target thumbv6m-none-eabi --features partition -- -D warnings)
# Asserts on one firmware run: exit status 0 and the script's results.
check_run() {
  local name=$1 log=$2 status=$3
  [ "$status" = 0 ] || problem "$name: qemu exited with $status"
  local want
  for want in \
    'SoftBank has well under $10B secured. I have that on good authority.' \
    '  > Sam Altman (2025-01-22): wrong, as you surely know.' \
    'put [US flag] first.' \
    '[key] q-wrong-as-you-surely-know' \
    '[quote of the day]' \
    'done'; do
    grep -qF -- "$want" "$log" || problem "$name: output lacks: $want"
  done
  grep -qE '^  [0-9]+ quotes in the thread$' "$log" || problem "$name: no thread count"
  grep -qE '^  [0-9]+ matches$' "$log" || problem "$name: no search result count"
  [ "$(grep -cE '^  (quote|event) .*2025-01-2[123]' "$log")" -ge 1 ] || problem "$name: empty timeline page"
  if grep -q '^FAIL' "$log"; then problem "$name: $(grep '^FAIL' "$log" | head -1)"; fi
}
declare -A fig
for t in "${targets[@]}"; do
  (cd "$fw" && cargo build -q --release --target "$t")
  elf="$fw/target/$t/release/feudfacts-firmware"
  log="target/firmware-$t.log"
  mkdir -p target
  set +e
  # shellcheck disable=SC2086
  timeout 120 qemu-system-arm ${machine[$t]} -nographic -monitor none \
    -semihosting-config enable=on,target=native -kernel "$elf" >"$log" 2>&1
  status=$?
  set -e
  note "--- $t on ${machine[$t]#*-machine } (exit $status): $(wc -l <"$log") lines"
  check_run "rust firmware on $t" "$log" "$status"
  # Section sizes (arm-none-eabi-size -A: name size addr).
  read -r vt text ro data bss < <(arm-none-eabi-size -A "$elf" | awk '
    $1==".vector_table"{v=$2} $1==".text"{t=$2} $1==".rodata"{r=$2}
    $1==".data"{d=$2} $1==".bss"{b=$2} END{print v+0, t+0, r+0, d+0, b+0}')
  blob=$(sed -n 's/^blob: \([0-9]*\) bytes.*/\1/p' "$log")
  sstack=$(sed -n 's/^SEARCH_STACK \([0-9]*\)$/\1/p' "$log")
  peak=$(sed -n 's/^STACK_PEAK \([0-9]*\)$/\1/p' "$log")
  [ -n "$blob" ] && [ -n "$sstack" ] && [ -n "$peak" ] || { problem "$t: figures missing"; continue; }
  fig[$t.flash]=$((vt + text + ro))
  fig[$t.code]=$((vt + text + ro - blob))
  fig[$t.ram]=$((data + bss + peak))
  fig[$t.blob]=$blob
  fig[$t.search_stack]=$sstack
  fig[$t.stack_peak]=$peak
  fig[$t.detail]="$vt + $text + $ro | $data + $bss + $peak"
done

# --- the corpus in its own flash partition (thumbv6m) ---------------------------
# The full corpus, word index included, not linked into the program but in a
# partition of its own (memory.x), validated at boot: flash is the program
# alone; the partition is reported as the blob.
t=thumbv6m-partition
(cd "$fw" && cargo build -q --release --target thumbv6m-none-eabi --features partition)
elf="$fw/target/thumbv6m-none-eabi/release/feudfacts-firmware"
log="target/firmware-$t.log"
set +e
# shellcheck disable=SC2086
timeout 120 qemu-system-arm ${machine[thumbv6m-none-eabi]} -nographic -monitor none \
  -semihosting-config enable=on,target=native -kernel "$elf" >"$log" 2>&1
status=$?
set -e
note "--- $t on microbit (exit $status): $(wc -l <"$log") lines"
check_run "rust firmware, corpus in its own partition" "$log" "$status"
grep -q '^blob: .*from its own partition, verified' "$log" || problem "$t: the blob was not read from its partition"
read -r vt text ro data bss part < <(arm-none-eabi-size -A "$elf" | awk '
  $1==".vector_table"{v=$2} $1==".text"{t=$2} $1==".rodata"{r=$2}
  $1==".data"{d=$2} $1==".bss"{b=$2} $1==".feud_blob"{p=$2} END{print v+0, t+0, r+0, d+0, b+0, p+0}')
blob=$(sed -n 's/^blob: \([0-9]*\) bytes.*/\1/p' "$log")
sstack=$(sed -n 's/^SEARCH_STACK \([0-9]*\)$/\1/p' "$log")
peak=$(sed -n 's/^STACK_PEAK \([0-9]*\)$/\1/p' "$log")
if [ -n "$blob" ] && [ -n "$sstack" ] && [ -n "$peak" ] && [ "$part" = "$blob" ]; then
  fig[$t.flash]=$((vt + text + ro)); fig[$t.code]=$((vt + text + ro))
  fig[$t.ram]=$((data + bss + peak)); fig[$t.blob]=$blob
  fig[$t.search_stack]=$sstack; fig[$t.stack_peak]=$peak
  fig[$t.detail]="$vt + $text + $ro (partition $part) | $data + $bss + $peak"
  targets+=("$t")
else
  problem "$t: figures missing (partition ${part:-?} B, blob ${blob:-?} B)"
fi
# The deepest frames (read from the prologues), so that a run whose stack
# grew says which functions' frames did.
note "largest stack frames on thumbv6m:"
python3 ci/stack_frame.py --top 6 "$elf" | sed 's/^/  /'

# --- the C firmware on one machine --------------------------------------------
cfw=examples/firmware-c
if [ -f "$cfw/Makefile" ] && [ $have_ffi = 1 ]; then
  make -s -C "$cfw" clean all
  log=target/firmware-c.log
  set +e
  timeout 120 qemu-system-arm -cpu cortex-m3 -machine lm3s6965evb -nographic -monitor none \
    -semihosting-config enable=on,target=native -kernel "$cfw/build/firmware.elf" >"$log" 2>&1
  status=$?
  set -e
  note "--- C firmware on lm3s6965evb (exit $status): $(wc -l <"$log") lines"
  check_run "C firmware" "$log" "$status"
  t=c-thumbv7m
  read -r vt text ro data bss < <(arm-none-eabi-size -A "$cfw/build/firmware.elf" | awk '
    $1==".vector_table"||$1==".isr_vector"{v=$2} $1==".text"{t=$2} $1==".rodata"{r=$2}
    $1==".data"{d=$2} $1==".bss"{b=$2} END{print v+0, t+0, r+0, d+0, b+0}')
  blob=$(sed -n 's/^blob: \([0-9]*\) bytes.*/\1/p' "$log")
  sstack=$(sed -n 's/^SEARCH_STACK \([0-9]*\)$/\1/p' "$log")
  peak=$(sed -n 's/^STACK_PEAK \([0-9]*\)$/\1/p' "$log")
  if [ -n "$blob" ] && [ -n "$sstack" ] && [ -n "$peak" ]; then
    fig[$t.flash]=$((vt + text + ro)); fig[$t.code]=$((vt + text + ro - blob))
    fig[$t.ram]=$((data + bss + peak)); fig[$t.blob]=$blob
    fig[$t.search_stack]=$sstack; fig[$t.stack_peak]=$peak
    fig[$t.detail]="$vt + $text + $ro | $data + $bss + $peak"
    targets+=("$t")
  else
    problem "C firmware: figures missing"
  fi
else
  problem "examples/firmware-c (or ffi/) is missing: the C firmware was not run"
fi

# --- the firmwares that drive a display (ci/oled.sh) ---------------------------
# The OLED firmware under QEMU on thumbv7m and thumbv6m, every frame compared
# with its golden, and the Pico image (built, .uf2 checked, RAM figured).
if bash ci/oled.sh; then
  note "--- OLED firmware and Pico image: ok"
else
  problem "ci/oled.sh failed (see above)"
fi
if [ -f target/oled/figures ]; then
  while read -r t m v; do
    [ -n "${fig[$t.flash]:-}" ] || [ "$m" != flash ] || targets+=("$t")
    fig[$t.$m]=$v
  done <target/oled/figures
fi

# --- the size table ------------------------------------------------------------
metrics=(flash code ram blob search_stack stack_peak)
note ""
note "| firmware | flash | of which code | RAM (incl. stack) | blob | search stack | stack peak |"
note "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for t in "${targets[@]}"; do
  [ -n "${fig[$t.flash]:-}" ] || continue
  row="| $t"
  for m in "${metrics[@]}"; do row="$row | ${fig[$t.$m]:--}"; done
  note "$row |"
done
note ""
note "flash = .vector_table + .text + .rodata (code = flash - blob); RAM = .data + .bss + stack peak."
note "thumbv6m-partition: the blob (full profile, word index) is in its own partition, not in flash."
note "oled-*: the OLED firmware on lm3s6965evb (full profile); its stack peak covers every frame of the walk."
note "pico-thumbv6m: not run (no RP2040 in QEMU); its stack is its main frames plus the shared code's, measured by oled-thumbv6m."
for t in "${targets[@]}"; do
  [ -n "${fig[$t.detail]:-}" ] && note "  $t: flash ${fig[$t.detail]% |*}; RAM ${fig[$t.detail]#*| }"
done

# --- budget and baseline -------------------------------------------------------
# Baseline lines: `<firmware> <metric> <bytes>`; `waive <firmware> <metric> <why>`
# accepts a known budget overrun (kept visible in every run).
note ""
for t in $budget_target thumbv6m-partition; do
for m in flash ram search_stack; do
  v=${fig[$t.$m]:-}
  [ -n "$v" ] || continue
  if [ "$v" -le "${budget[$m]}" ]; then
    note "budget $t $m: $v <= ${budget[$m]} ok"
  elif grep -qE "^waive $t $m " "$baseline_file" 2>/dev/null; then
    note "budget $t $m: $v > ${budget[$m]} OVER (waived: $(grep -E "^waive $t $m " "$baseline_file" | cut -d' ' -f4-))"
  else
    problem "budget $t $m: $v > ${budget[$m]}"
  fi
done
done

# The display firmwares: the RAM budget (their parts' flash holds the full
# corpus: 256 KiB on the LM3S6965, 2 MiB on the Pico).
for t in oled-thumbv7m oled-thumbv6m pico-thumbv6m; do
  v=${fig[$t.ram]:-}
  if [ -z "$v" ]; then problem "budget $t ram: no figure"
  elif [ "$v" -le "${budget[ram]}" ]; then note "budget $t ram: $v <= ${budget[ram]} ok"
  else problem "budget $t ram: $v > ${budget[ram]}"
  fi
done

if [ "${UPDATE_SIZE_BASELINE:-}" = 1 ]; then
  {
    note "# Size baseline of the firmware (bytes), written by UPDATE_SIZE_BASELINE=1 bash ci/firmware.sh."
    note "# ci/firmware.sh fails when a figure grows more than 10% past these."
    grep -E '^waive ' "$baseline_file" 2>/dev/null || true
    for t in "${targets[@]}"; do
      [ -n "${fig[$t.flash]:-}" ] || continue
      for m in "${metrics[@]}"; do
        [ -z "${fig[$t.$m]:-}" ] || note "$t $m ${fig[$t.$m]}"
      done
    done
  } >"$baseline_file.new"
  mv "$baseline_file.new" "$baseline_file"
  note "baseline written: $baseline_file"
elif [ -f "$baseline_file" ]; then
  while read -r t m base; do
    case "$t" in ''|'#'*|waive) continue ;; esac
    v=${fig[$t.$m]:-}
    if [ -z "$v" ]; then problem "baseline $t $m: no figure measured"; continue; fi
    limit=$((base + base / 10))
    if [ "$v" -gt "$limit" ]; then
      problem "$t $m grew to $v bytes, more than 10% past the baseline $base"
    fi
  done <"$baseline_file"
  note "baseline compared: $baseline_file"
else
  problem "no $baseline_file (create it with UPDATE_SIZE_BASELINE=1)"
fi

[ $fail = 0 ] || { note "firmware: FAILED"; exit 1; }
note "firmware: ok"
