#!/usr/bin/env bash
# The firmwares that drive a display (issue 15), run by ci/firmware.sh:
#
# - examples/firmware-oled on QEMU's lm3s6965evb, built for thumbv7m (the
#   board's Cortex-M3) and thumbv6m (the Pico's instruction set, run with
#   -cpu cortex-m0): qemu_walk.py presses the gamepad buttons of
#   examples/display/golden/walk.txt and compares every screendump of the
#   OLED with the host's goldens;
# - examples/pico-ssd1306, which cannot run here (QEMU has no RP2040): it is
#   built, its .uf2 written and checked against the ELF, and its RAM
#   figured from its ELF and the thumbv6m run of the same shared code.
#
# Writes target/oled/figures (`<firmware> <metric> <value>` lines, read by
# ci/firmware.sh into its size table and baseline check) and fails when a
# walk does not match or a firmware breaks the 12 KiB RAM budget (the
# budget of ci/firmware.sh).
#
#   bash ci/oled.sh    # after ci/firmware.sh's set-up (thumb targets, QEMU)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TERM_COLOR=never
out=target/oled
mkdir -p "$out"
figures=$out/figures
: >"$figures"
fail=0
note() { printf '%s\n' "$*"; }
problem() { printf 'FAIL: %s\n' "$*"; fail=1; }
fig() { printf '%s %s %s\n' "$1" "$2" "$3" >>"$figures"; }
ram_budget=12288
t0=$(date +%s)
lap() { note "  ($(($(date +%s) - t0)) s) $*"; }

for tool in qemu-system-arm arm-none-eabi-size arm-none-eabi-objdump python3; do
  command -v "$tool" >/dev/null || { problem "$tool is missing (ci/firmware.sh installs it)"; exit 1; }
done

# The target directory of examples/firmware, which ci/firmware.sh has just
# built: with the same profile, flags and locked versions, the host build of
# the corpus compiler and the thumb builds of the common crates (the core,
# cortex-m, embedded-graphics for the OLED's thumbv6m and the Pico) are
# made once for all the firmwares.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/examples/firmware/target}"
oled=examples/firmware-oled
pico=examples/pico-ssd1306

(cd "$oled" && cargo fmt --check)
(cd "$pico" && cargo fmt --check)
# Clippy runs inside the builds, as `cargo clippy` runs it inside its check:
# clippy-driver compiles the firmware crates themselves (their dependencies
# go to rustc as usual), so one build both lints and links, instead of a
# check of every dependency again (the RP2040's HAL and PAC alone take
# minutes). The display crate and the core are linted by .ci/run's clippy.
clippy_driver="$(rustc --print sysroot)/bin/clippy-driver"
[ -x "$clippy_driver" ] || { problem "no clippy-driver (rustup component add clippy)"; exit 1; }
export RUSTC_WORKSPACE_WRAPPER=$clippy_driver
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
lap "fmt"

# Section sizes: vector table (and the Pico's boot2), text, rodata, data, bss.
sizes() {
  arm-none-eabi-size -A "$1" | awk '
    $1==".vector_table"{v=$2} $1==".boot2"{b=$2} $1==".text"{t=$2} $1==".rodata"{r=$2}
    $1==".data"{d=$2} $1==".bss"{s=$2} END{print v+b, t+0, r+0, d+0, s+0}'
}

# --- the OLED firmware under QEMU --------------------------------------------
declare -A cpu=([thumbv7m-none-eabi]=cortex-m3 [thumbv6m-none-eabi]=cortex-m0)
declare -A below_main
for t in thumbv7m-none-eabi thumbv6m-none-eabi; do
  (cd "$oled" && cargo build -q --release --target "$t")
  elf=$CARGO_TARGET_DIR/$t/release/feudfacts-firmware-oled
  name=oled-${t%%-*}
  lap "$name built"
  log=$out/walk-$t.log
  set +e
  timeout 180 python3 "$oled/qemu_walk.py" --cpu "${cpu[$t]}" --timeout 150 \
    --check-captures "$oled/captures" "$elf" >"$log" 2>&1
  status=$?
  set -e
  cat "$log"
  lap "$name walked"
  [ $status = 0 ] || problem "$name: the OLED walk failed (captures beside the goldens)"
  peak=$(sed -n 's/^STACK_PEAK \([0-9]*\)$/\1/p' "$log")
  main=$(sed -n 's/^MAIN_FRAME \([0-9]*\)$/\1/p' "$log")
  blob=$(sed -n 's/^blob: \([0-9]*\) bytes.*/\1/p' "$log" | head -1)
  if [ -z "$peak" ] || [ -z "$main" ]; then
    problem "$name: no stack figures"
    continue
  fi
  read -r vt text ro data bss < <(sizes "$elf")
  fig "$name" flash $((vt + text + ro))
  fig "$name" code $((vt + text + ro - ${blob:-0}))
  fig "$name" ram $((data + bss + peak))
  fig "$name" blob "${blob:-0}"
  fig "$name" stack_peak "$peak"
  fig "$name" detail "$vt + $text + $ro | $data + $bss + $peak"
  [ $((data + bss + peak)) -le $ram_budget ] || problem "$name: RAM $((data + bss + peak)) > $ram_budget"
  below_main[$name]=$((peak - main))
  # The ELF reading the Pico's figure relies on, checked against this run.
  frames=$(python3 ci/stack_frame.py "$elf" main ::__cortex_m_rt_main | awk '{s+=$NF} END{print s}')
  [ "$frames" = "$main" ] || problem "$name: main's frames read from the ELF ($frames B) are not the $main B measured"
done

# --- the Pico image ----------------------------------------------------------
(cd "$pico" && cargo build -q --release)
elf=$CARGO_TARGET_DIR/thumbv6m-none-eabi/release/feudfacts-pico
lap "pico built"
python3 "$pico/uf2.py" "$elf" --out "$out/feudfacts-pico.uf2"
python3 "$pico/uf2.py" --check "$out/feudfacts-pico.uf2" "$elf"
read -r vt text ro data bss < <(sizes "$elf")
# Its stack: main's own frames, read from the ELF, plus what the shared code
# below main took in the thumbv6m QEMU run (the same app, drawing and
# searching; measured there as the peak less that run's main frames), plus
# 256 B for the two display drivers' drawing frames, which differ (by 44 B
# when last compared).
frames=$(python3 ci/stack_frame.py "$elf" main ::__cortex_m_rt_main | awk '{s+=$NF} END{print s}')
below=${below_main[oled-thumbv6m]:-}
blob=$(awk '$1=="oled-thumbv6m" && $2=="blob"{print $3}' "$figures")
if [ -n "$below" ] && [ -n "$frames" ] && [ -n "$blob" ]; then
  stack=$((frames + below + 256))
  fig pico-thumbv6m flash $((vt + text + ro))
  fig pico-thumbv6m code $((vt + text + ro - blob))
  fig pico-thumbv6m ram $((data + bss + stack))
  fig pico-thumbv6m blob "$blob"
  fig pico-thumbv6m stack_peak "$stack"
  fig pico-thumbv6m detail "$vt + $text + $ro | $data + $bss + $stack (stack: main $frames + shared $below + drivers 256)"
  [ $((data + bss + stack)) -le $ram_budget ] || problem "pico: RAM $((data + bss + stack)) > $ram_budget"
  note "pico-thumbv6m: flash $((vt + text + ro)) B; RAM $((data + bss + stack)) B" \
    "(.data $data + .bss $bss + stack $stack: main $frames + shared code $below + drivers 256)"
else
  problem "pico: no RAM figure (main frames '${frames:-}', shared stack '${below:-}')"
fi
lap "pico checked"

[ $fail = 0 ] || { note "oled: FAILED"; exit 1; }
note "oled: ok ($(($(date +%s) - t0)) s)"
